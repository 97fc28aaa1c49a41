/*
 * eval.h - the `cotscan eval` sink: compares cotscan's counts with labels
 * carried by the same records (an LLM judge's, or anyone's) and writes the
 * agreement table, or with --errors every disagreement (README "How
 * accurate is it?").
 *
 * Labels: the object at --labels-field (default "labels") of each record,
 * or of the line of the --labels file with the trace's id, holds a count per
 * behaviour, e.g. {"backtracking": 0, "verification": 2, ...}; a behaviour
 * left out is not scored for that trace.  Both sides are capped at
 * EVAL_CAP, as the judge's counts are.  A tagged line without a labels
 * object, or with a label that is not a non-negative integer, is reported as
 * FILE:LINE, counted and not scored; the run then exits 1.
 *
 * Metrics table, one row per group and behaviour, then a "macro" row:
 *   by,group,behaviour,traces,judge_rate,cotscan_rate,precision,recall,f1,
 *   spearman,mae,tp,fp,fn,tn[,f1_lo,f1_hi,spearman_lo,spearman_hi with --ci]
 * --errors table, one row per trace and behaviour whose capped counts differ:
 *   file,line,id,behaviour,kind,judge,cotscan,judge_evidence,cotscan_evidence
 */
#ifndef EVAL_H
#define EVAL_H

#define EVAL_CAP 20

#endif
