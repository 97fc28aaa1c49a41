/*
 * _cotscan.c - the CPython binding of libcotscan (see include/libcotscan.h).
 *
 * One type, Tagger, over a cotscan_tagger and one scratch for its calls on
 * the interpreter's thread; results are built here as Result and Match
 * struct sequences, so that a call costs one C call and the objects it
 * returns.  tag_many gathers the inputs' UTF-8 buffers, releases the GIL
 * and lets cotscan_tag_many run its own threads.
 *
 * Offsets: for a str, Match.start and Match.end index the str given
 * (code points, converted here from libcotscan's byte offsets); for bytes,
 * they are byte offsets into the bytes given; for a record, they index the
 * Result's text (code points).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libcotscan.h"

static PyObject *RuleError;
static PyTypeObject *MatchType, *ResultType;
static PyObject *behaviour_str[COTSCAN_NBEHAVIOURS];

static PyStructSequence_Field match_fields[] = {
	{ "behaviour", "the behaviour counted (backtracking, verification, subgoal_setting, backward_chaining)" },
	{ "rule", "the name of the rule that matched, as in its rule file" },
	{ "start", "where the match starts (see the module's note on offsets)" },
	{ "end", "where the match ends, exclusive" },
	{ "text", "the matched text, as `cotscan tag --evidence` prints it" },
	{ NULL, NULL }
};
static PyStructSequence_Desc match_desc = {
	"cotscan.Match", "One counted instance: the evidence for one count.", match_fields, 5
};

static PyStructSequence_Field result_fields[] = {
	{ "counts", "dict: behaviour name -> count" },
	{ "defects", "list of defect names (truncated, repetitive, ...), in the CLI's order" },
	{ "evidence", "list of Match, by start" },
	{ "skipped", "None, or why the input was not tagged (bad_json, no_cot, invalid_utf8, ...)" },
	{ "why", "None, or the skip's reason as the CLI prints it" },
	{ "text", "the analysed text (str): the reasoning sections, or the whole text" },
	{ "cot_bytes", "UTF-8 bytes of the analysed text (the CLI's cot_bytes column)" },
	{ "words", "runs of non-blank bytes in the analysed text" },
	{ "model", "the record's model as the CLI finds it ('' for a text)" },
	{ "id", "the record's id as the CLI finds it ('' for a text)" },
	{ "warning", "None, or why a rule stopped at a limit (defect rule_limit)" },
	{ NULL, NULL }
};
static PyStructSequence_Desc result_desc = {
	"cotscan.Result", "What cotscan found in one text or record.", result_fields, 11
};

typedef struct {
	PyObject_HEAD
	cotscan_tagger *t;
	cotscan_scratch *s;
	int busy; /* tag_many calls running without the GIL: the tagger must stay */
} TaggerObject;

/* How the offsets of one input are reported. */
enum { OFF_CHARS_SRC, OFF_BYTES_SRC, OFF_CHARS_TEXT };

/* A forward cursor that turns byte offsets of a UTF-8 buffer into code point offsets. */
struct cursor {
	const unsigned char *p;
	size_t len, byte, chr;
};

static size_t cursor_at(struct cursor *c, size_t off)
{
	if (off > c->len)
		off = c->len;
	if (off < c->byte)
		c->byte = c->chr = 0;
	/* eight bytes at a time: a code point starts at every byte but 10xxxxxx */
	for (; c->byte + 8 <= off; c->byte += 8) {
		uint64_t w;
		memcpy(&w, c->p + c->byte, 8);
		uint64_t cont = w & ~(w << 1) & 0x8080808080808080ULL;
		/* one bit at the top of each continuation byte: sum them in the top byte */
		c->chr += 8 - (size_t)(((cont >> 7) * 0x0101010101010101ULL) >> 56);
	}
	for (; c->byte < off; c->byte++)
		c->chr += (c->p[c->byte] & 0xC0) != 0x80;
	return c->chr;
}

static PyObject *str_of(const char *s, size_t n)
{
	return PyUnicode_DecodeUTF8(s, (Py_ssize_t)n, "replace");
}

/* The Result for r; src/srclen is the input as given (for the offsets). */
static PyObject *make_result(const struct cotscan_result *r, const char *src, size_t srclen, int offmode)
{
	PyObject *res = PyStructSequence_New(ResultType);
	if (!res)
		return NULL;
	PyObject *counts = PyDict_New();
	PyObject *defects = PyList_New(0);
	PyObject *ev = PyList_New((Py_ssize_t)r->nevidence);
	if (!counts || !defects || !ev)
		goto fail_parts;
	for (int b = 0; b < COTSCAN_NBEHAVIOURS; b++) {
		PyObject *v = PyLong_FromUnsignedLong(r->counts[b]);
		if (!v || PyDict_SetItem(counts, behaviour_str[b], v) < 0) {
			Py_XDECREF(v);
			goto fail_parts;
		}
		Py_DECREF(v);
	}
	for (int d = 0; d < cotscan_ndefects(); d++)
		if (r->defects & (1u << d)) {
			PyObject *v = PyUnicode_FromString(cotscan_defect_name(d));
			if (!v || PyList_Append(defects, v) < 0) {
				Py_XDECREF(v);
				goto fail_parts;
			}
			Py_DECREF(v);
		}
	/* code points of the text given, or of the analysed text (records) */
	struct cursor cs = offmode == OFF_CHARS_TEXT ? (struct cursor){ (const unsigned char *)r->text, r->text_len, 0, 0 }
						     : (struct cursor){ (const unsigned char *)src, srclen, 0, 0 };
	struct cursor ce = cs;
	for (size_t i = 0; i < r->nevidence; i++) {
		const struct cotscan_match *m = &r->evidence[i];
		size_t a, z;
		if (offmode == OFF_BYTES_SRC) {
			a = m->src_start;
			z = m->src_end;
		} else if (offmode == OFF_CHARS_SRC) {
			a = cursor_at(&cs, m->src_start);
			z = cursor_at(&ce, m->src_end);
		} else {
			a = cursor_at(&cs, m->start);
			z = cursor_at(&ce, m->end);
		}
		PyObject *mo = PyStructSequence_New(MatchType);
		if (!mo)
			goto fail_parts;
		PyList_SET_ITEM(ev, (Py_ssize_t)i, mo);
		PyObject *rule = PyUnicode_FromString(m->rule);
		PyObject *ps = PyLong_FromSize_t(a), *pe = PyLong_FromSize_t(z);
		PyObject *txt = str_of(r->text + m->start, m->end - m->start);
		Py_INCREF(behaviour_str[m->behaviour]);
		PyStructSequence_SET_ITEM(mo, 0, behaviour_str[m->behaviour]);
		PyStructSequence_SET_ITEM(mo, 1, rule);
		PyStructSequence_SET_ITEM(mo, 2, ps);
		PyStructSequence_SET_ITEM(mo, 3, pe);
		PyStructSequence_SET_ITEM(mo, 4, txt);
		if (!rule || !ps || !pe || !txt)
			goto fail_parts;
	}
	PyObject *skipped, *why, *warning;
	if (r->skip) {
		skipped = PyUnicode_FromString(cotscan_skip_name(r->skip));
		why = PyUnicode_FromString(r->why ? r->why : "");
	} else {
		skipped = Py_NewRef(Py_None);
		why = Py_NewRef(Py_None);
	}
	warning = r->warning ? PyUnicode_FromString(r->warning) : Py_NewRef(Py_None);
	PyStructSequence_SET_ITEM(res, 0, counts);
	PyStructSequence_SET_ITEM(res, 1, defects);
	PyStructSequence_SET_ITEM(res, 2, ev);
	PyStructSequence_SET_ITEM(res, 3, skipped);
	PyStructSequence_SET_ITEM(res, 4, why);
	PyStructSequence_SET_ITEM(res, 5, str_of(r->text, r->text_len));
	PyStructSequence_SET_ITEM(res, 6, PyLong_FromSize_t(r->text_len));
	PyStructSequence_SET_ITEM(res, 7, PyLong_FromUnsignedLongLong(r->words));
	PyStructSequence_SET_ITEM(res, 8, str_of(r->model, strlen(r->model)));
	PyStructSequence_SET_ITEM(res, 9, str_of(r->id, strlen(r->id)));
	PyStructSequence_SET_ITEM(res, 10, warning);
	for (Py_ssize_t i = 0; i < 11; i++)
		if (!PyStructSequence_GET_ITEM(res, i)) {
			Py_DECREF(res);
			return NULL;
		}
	return res;
fail_parts:
	Py_XDECREF(counts);
	Py_XDECREF(defects);
	Py_XDECREF(ev);
	Py_DECREF(res);
	return NULL;
}

/*
 * The UTF-8 bytes of one input into *p, *n; *keep holds what keeps them
 * alive (a new reference).  A str with lone surrogates is encoded with
 * surrogatepass, so that libcotscan sees invalid UTF-8 and skips it as the
 * CLI skips such a line.  *offmode says how its offsets are reported.
 */
static int input_bytes(PyObject *o, const char **p, size_t *n, PyObject **keep, int *offmode)
{
	PyObject *b;
	if (PyUnicode_Check(o)) {
		*offmode = OFF_CHARS_SRC;
		Py_ssize_t len;
		const char *s = PyUnicode_AsUTF8AndSize(o, &len);
		if (s) {
			*p = s;
			*n = (size_t)len;
			*keep = Py_NewRef(o);
			return 0;
		}
		PyErr_Clear();
		b = PyUnicode_AsEncodedString(o, "utf-8", "surrogatepass");
	} else if (PyBytes_Check(o) || PyByteArray_Check(o)) {
		*offmode = OFF_BYTES_SRC;
		b = PyBytes_FromObject(o); /* bytes: the same object */
	} else {
		PyErr_Format(PyExc_TypeError, "expected str or bytes, not %.100s", Py_TYPE(o)->tp_name);
		return -1;
	}
	if (!b)
		return -1;
	*p = PyBytes_AS_STRING(b);
	*n = (size_t)PyBytes_GET_SIZE(b);
	*keep = b;
	return 0;
}

static void Tagger_dealloc(TaggerObject *self)
{
	cotscan_scratch_free(self->s);
	cotscan_close(self->t);
	Py_TYPE(self)->tp_free((PyObject *)self);
}

/* Raises RuleError(message) with .file and .line from its first "FILE:LINE: " line. */
static void raise_rule_error(const char *msg)
{
	PyObject *file = Py_NewRef(Py_None), *line = Py_NewRef(Py_None);
	const char *nl = strchr(msg, '\n');
	size_t first = nl ? (size_t)(nl - msg) : strlen(msg);
	for (size_t i = 0; i + 1 < first; i++)
		if (msg[i] == ':' && msg[i + 1] >= '0' && msg[i + 1] <= '9') {
			size_t j = i + 1;
			while (j < first && msg[j] >= '0' && msg[j] <= '9')
				j++;
			if (j < first && msg[j] == ':') {
				Py_SETREF(file, PyUnicode_DecodeFSDefaultAndSize(msg, (Py_ssize_t)i));
				Py_SETREF(line, PyLong_FromLong(strtol(msg + i + 1, NULL, 10)));
				break;
			}
		}
	size_t len = strlen(msg);
	while (len && msg[len - 1] == '\n')
		len--;
	PyObject *text = PyUnicode_DecodeUTF8(msg, (Py_ssize_t)len, "replace");
	PyObject *exc = text && file && line ? PyObject_CallOneArg(RuleError, text) : NULL;
	if (exc && PyObject_SetAttrString(exc, "file", file) == 0 && PyObject_SetAttrString(exc, "line", line) == 0)
		PyErr_SetObject(RuleError, exc);
	else if (!PyErr_Occurred())
		PyErr_NoMemory();
	Py_XDECREF(exc);
	Py_XDECREF(text);
	Py_XDECREF(file);
	Py_XDECREF(line);
}

static int opt_str(PyObject *o, const char *name, PyObject **keep, const char **out)
{
	*out = NULL;
	if (!o || o == Py_None)
		return 0;
	if (PyUnicode_Check(o)) {
		*out = PyUnicode_AsUTF8(o);
		return *out ? 0 : -1;
	}
	PyObject *b = NULL;
	if (!PyUnicode_FSConverter(o, &b)) {
		PyErr_Format(PyExc_TypeError, "%s: expected a str or a path", name);
		return -1;
	}
	*keep = b;
	*out = PyBytes_AS_STRING(b);
	return 0;
}

static int Tagger_init(TaggerObject *self, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = { "rules", "cot_field", "model_field", "id_field", "answer_field",
				  "min_bytes", "max_bytes", "reference", NULL };
	PyObject *o[5] = { NULL, NULL, NULL, NULL, NULL }, *keep[5] = { NULL, NULL, NULL, NULL, NULL };
	Py_ssize_t min_bytes = 0, max_bytes = 0;
	int reference = 0;
	if (!PyArg_ParseTupleAndKeywords(args, kw, "|O$OOOOnnp", kwlist, &o[0], &o[1], &o[2], &o[3], &o[4],
					 &min_bytes, &max_bytes, &reference))
		return -1;
	if (min_bytes < 0 || max_bytes < 0) {
		PyErr_SetString(PyExc_ValueError, "min_bytes and max_bytes must be 0 or more");
		return -1;
	}
	if (self->busy) {
		PyErr_SetString(PyExc_RuntimeError, "Tagger.__init__ while tag_many runs on it");
		return -1;
	}
	const char *s[5];
	int rc = -1;
	for (int i = 0; i < 5; i++)
		if (opt_str(o[i], kwlist[i], &keep[i], &s[i]) < 0)
			goto out;
	struct cotscan_options opts = { .rules = s[0], .cot_field = s[1], .model_field = s[2], .id_field = s[3],
					.answer_field = s[4], .min_bytes = (size_t)min_bytes,
					.max_bytes = (size_t)max_bytes, .reference = reference };
	char err[4096];
	err[0] = '\0';
	cotscan_tagger *t = cotscan_open_opts(&opts, err, sizeof err);
	if (!t) {
		raise_rule_error(err[0] ? err : "cannot open the rules");
		goto out;
	}
	cotscan_scratch_free(self->s);
	cotscan_close(self->t);
	self->t = t;
	self->s = cotscan_scratch_new(t);
	rc = 0;
out:
	for (int i = 0; i < 5; i++)
		Py_XDECREF(keep[i]);
	return rc;
}

static int ready(TaggerObject *self)
{
	if (self->t)
		return 0;
	PyErr_SetString(PyExc_RuntimeError, "Tagger is not initialised");
	return -1;
}

static PyObject *tag_one(TaggerObject *self, PyObject *args, PyObject *kw, int record)
{
	static char *kwlist[] = { "text", "whole", NULL };
	PyObject *o;
	int whole = 0;
	if (ready(self) < 0 || !PyArg_ParseTupleAndKeywords(args, kw, "O|$p", kwlist, &o, &whole))
		return NULL;
	const char *p;
	size_t n;
	PyObject *keep;
	int offmode;
	if (input_bytes(o, &p, &n, &keep, &offmode) < 0)
		return NULL;
	struct cotscan_result r;
	unsigned flags = whole ? COTSCAN_WHOLE : 0;
	if (record) {
		cotscan_tag_record(self->t, self->s, p, n, flags, &r);
		offmode = OFF_CHARS_TEXT;
	} else {
		cotscan_tag_text(self->t, self->s, p, n, flags, &r);
	}
	PyObject *res = make_result(&r, p, n, offmode);
	Py_DECREF(keep);
	return res;
}

static PyObject *Tagger_tag(TaggerObject *self, PyObject *args, PyObject *kw)
{
	return tag_one(self, args, kw, 0);
}

static PyObject *Tagger_tag_json(TaggerObject *self, PyObject *args, PyObject *kw)
{
	return tag_one(self, args, kw, 1);
}

static PyObject *Tagger_tag_many(TaggerObject *self, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = { "items", "jobs", "whole", "records", NULL };
	PyObject *items;
	int jobs = 0, whole = 0, records = 0;
	if (ready(self) < 0 ||
	    !PyArg_ParseTupleAndKeywords(args, kw, "O|$ipp", kwlist, &items, &jobs, &whole, &records))
		return NULL;
	PyObject *seq = PySequence_Fast(items, "tag_many expects a sequence of str or bytes");
	if (!seq)
		return NULL;
	size_t n = (size_t)PySequence_Fast_GET_SIZE(seq);
	const char **p = calloc(n ? n : 1, sizeof *p);
	size_t *len = calloc(n ? n : 1, sizeof *len);
	PyObject **keep = calloc(n ? n : 1, sizeof *keep);
	int *offmode = calloc(n ? n : 1, sizeof *offmode);
	struct cotscan_result *out = calloc(n ? n : 1, sizeof *out);
	PyObject *list = NULL;
	size_t got = 0;
	if (!p || !len || !keep || !offmode || !out) {
		PyErr_NoMemory();
		goto out;
	}
	for (; got < n; got++)
		if (input_bytes(PySequence_Fast_GET_ITEM(seq, (Py_ssize_t)got), &p[got], &len[got], &keep[got],
				&offmode[got]) < 0)
			goto out;
	unsigned flags = (whole ? COTSCAN_WHOLE : 0) | (records ? COTSCAN_RECORDS : 0);
	int rc;
	self->busy++;
	Py_BEGIN_ALLOW_THREADS
	rc = cotscan_tag_many(self->t, n, p, len, flags, jobs, out);
	Py_END_ALLOW_THREADS
	self->busy--;
	if (rc < 0) {
		PyErr_SetString(PyExc_MemoryError, "cotscan_tag_many could not run");
		goto out;
	}
	list = PyList_New((Py_ssize_t)n);
	for (size_t i = 0; list && i < n; i++) {
		PyObject *res = make_result(&out[i], p[i], len[i], records ? OFF_CHARS_TEXT : offmode[i]);
		if (!res) {
			Py_CLEAR(list);
			break;
		}
		PyList_SET_ITEM(list, (Py_ssize_t)i, res);
	}
	cotscan_results_free(out, n);
out:
	for (size_t i = 0; keep && i < got; i++)
		Py_XDECREF(keep[i]);
	free(p);
	free(len);
	free(keep);
	free(offmode);
	free(out);
	Py_DECREF(seq);
	return list;
}

static PyObject *Tagger_get_rules_hash(TaggerObject *self, void *closure)
{
	(void)closure;
	if (ready(self) < 0)
		return NULL;
	char hex[32];
	snprintf(hex, sizeof hex, "%016llx", cotscan_rules_hash(self->t));
	return PyUnicode_FromString(hex);
}

static PyObject *Tagger_get_rules(TaggerObject *self, void *closure)
{
	(void)closure;
	if (ready(self) < 0)
		return NULL;
	size_t n = cotscan_nrules(self->t);
	PyObject *list = PyList_New((Py_ssize_t)n);
	for (size_t i = 0; list && i < n; i++) {
		PyObject *pair = Py_BuildValue("(sO)", cotscan_rule_name(self->t, i),
					       behaviour_str[cotscan_rule_behaviour(self->t, i)]);
		if (!pair) {
			Py_CLEAR(list);
			break;
		}
		PyList_SET_ITEM(list, (Py_ssize_t)i, pair);
	}
	return list;
}

static PyMethodDef Tagger_methods[] = {
	{ "tag", (PyCFunction)(void (*)(void))Tagger_tag, METH_VARARGS | METH_KEYWORDS,
	  "tag(text, *, whole=False) -> Result\n\n"
	  "Tags a str or bytes as the CLI tags a trace's chain of thought: its reasoning\n"
	  "sections only, unless whole=True." },
	{ "tag_json", (PyCFunction)(void (*)(void))Tagger_tag_json, METH_VARARGS | METH_KEYWORDS,
	  "tag_json(line, *, whole=False) -> Result\n\n"
	  "Tags one JSON record (a JSONL line, str or bytes) with the CLI's field detection." },
	{ "tag_many", (PyCFunction)(void (*)(void))Tagger_tag_many, METH_VARARGS | METH_KEYWORDS,
	  "tag_many(items, *, jobs=0, whole=False, records=False) -> list of Result\n\n"
	  "Tags a sequence of str or bytes (JSON lines with records=True) on jobs threads\n"
	  "(0: one per CPU) without the GIL, and marks duplicates in input order." },
	{ NULL, NULL, 0, NULL }
};

static PyGetSetDef Tagger_getset[] = {
	{ "rules_hash", (getter)Tagger_get_rules_hash, NULL, "the rule set's hash, as `cotscan --version` prints it",
	  NULL },
	{ "rules", (getter)Tagger_get_rules, NULL, "list of (rule name, behaviour)", NULL },
	{ NULL, NULL, NULL, NULL, NULL }
};

static PyTypeObject TaggerType = {
	PyVarObject_HEAD_INIT(NULL, 0)
	.tp_name = "cotscan._cotscan.Tagger",
	.tp_basicsize = sizeof(TaggerObject),
	.tp_dealloc = (destructor)Tagger_dealloc,
	.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
	.tp_doc = "Tagger(rules=None, *, cot_field=None, model_field=None, id_field=None,\n"
		  "       answer_field=None, min_bytes=0, max_bytes=0, reference=False)\n\n"
		  "A cotscan tagger: the built-in rules, or the rule file or directory at rules.",
	.tp_methods = Tagger_methods,
	.tp_getset = Tagger_getset,
	.tp_init = (initproc)Tagger_init,
	.tp_new = PyType_GenericNew,
};

static PyObject *names_tuple(const char *(*name)(int), int n)
{
	PyObject *t = PyTuple_New(n);
	for (int i = 0; t && i < n; i++) {
		PyObject *s = PyUnicode_FromString(name(i));
		if (!s) {
			Py_CLEAR(t);
			break;
		}
		PyTuple_SET_ITEM(t, i, s);
	}
	return t;
}

static struct PyModuleDef module = {
	PyModuleDef_HEAD_INIT, "_cotscan", "The C binding of libcotscan; use the cotscan package.", -1,
	NULL, NULL, NULL, NULL, NULL
};

PyMODINIT_FUNC PyInit__cotscan(void)
{
	PyObject *m = PyModule_Create(&module);
	if (!m)
		return NULL;
	for (int b = 0; b < COTSCAN_NBEHAVIOURS; b++) {
		behaviour_str[b] = PyUnicode_InternFromString(cotscan_behaviour_name(b));
		if (!behaviour_str[b])
			goto fail;
	}
	MatchType = PyStructSequence_NewType(&match_desc);
	ResultType = PyStructSequence_NewType(&result_desc);
	RuleError = PyErr_NewExceptionWithDoc("cotscan.RuleError",
					      "A rule file does not load; .file and .line say where (or None).",
					      PyExc_ValueError, NULL);
	if (!MatchType || !ResultType || !RuleError || PyType_Ready(&TaggerType) < 0)
		goto fail;
	Py_INCREF(&TaggerType);
	if (PyModule_AddObject(m, "Tagger", (PyObject *)&TaggerType) < 0 ||
	    PyModule_AddObjectRef(m, "Match", (PyObject *)MatchType) < 0 ||
	    PyModule_AddObjectRef(m, "Result", (PyObject *)ResultType) < 0 ||
	    PyModule_AddObjectRef(m, "RuleError", RuleError) < 0 ||
	    PyModule_AddStringConstant(m, "version", cotscan_version()) < 0 ||
	    PyModule_AddObject(m, "BEHAVIOURS", names_tuple(cotscan_behaviour_name, COTSCAN_NBEHAVIOURS)) < 0 ||
	    PyModule_AddObject(m, "DEFECTS", names_tuple(cotscan_defect_name, cotscan_ndefects())) < 0)
		goto fail;
	return m;
fail:
	Py_DECREF(m);
	return NULL;
}
