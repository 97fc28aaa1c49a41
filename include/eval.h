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
 * --audit table, the counted instances against the judge's evidence quotes
 * (the "evidence" object beside the labels, one quote per counted instance):
 * per group and behaviour a "(all)" row, then one row per positive rule:
 *   by,group,behaviour,rule,hits,supported,unsupported,unquoted,precision,
 *   quotes,found,recall
 * Quotes and the analysed text are compared after normalisation (ASCII
 * letters lower-cased, every white-space run one space, the ends trimmed):
 * a quote's places are all its occurrences in the normalised text.  An
 * instance is supported when the sentence(s) holding its matched text (the
 * sentences of match.h; a `sentence` rule's counting span) share a byte with
 * a place of a quote of its behaviour; else unsupported, or unquoted when
 * the judge counted more instances of the behaviour than it quoted (its
 * quotes are capped), so the instance may be one it did not quote.
 * precision = supported / (supported + unsupported); a quote is found when
 * one of its places shares a byte with the sentence of an instance of its
 * behaviour (of the row's rule); recall = found / quotes.
 */
#ifndef EVAL_H
#define EVAL_H

#include "filter.h"
#include "sink.h"

#define EVAL_CAP 20

#define EVAL_MAX_LIST FILTER_MAX_WHERE /* most --by and most --where options */

/* The options of `cotscan eval`, checked. */
struct eval_cfg {
	int format;               /* --format: enum cot_format (tabout.h) */
	double level;             /* --level: of the --ci intervals */
	int quiet;                /* -q: no eval summary line */
	const char *labels_path;  /* --labels-field: a valid field path ("labels" by default) */
	const char *labels_file;  /* --labels FILE, or NULL: labels are in the records */
	const char *id_path;      /* --id-field (the --labels file's ids), or NULL for "id" */
	const char *by[EVAL_MAX_LIST]; /* --by: valid field paths ("model" by default, none: no groups) */
	int nby;
	struct where_cond where[EVAL_MAX_LIST]; /* --where, in order (filter.h) */
	int nwhere;
	int errors;               /* --errors: list the disagreements */
	int ci;                   /* --ci: bootstrap intervals of F1 and Spearman */
	int audit;                /* --audit: instances against the judge's quotes, per rule */
	int only;                 /* --behaviour, or -1 for all four */
};

/* The `eval` sink; 0, or COT_EXIT_IO when the --labels file cannot be read (message printed). */
int sink_eval_init(struct sink *s, const struct eval_cfg *cfg, const struct sink_env *env);

#endif
