/* Unit tests of extract.c: field detection, paths, reasoning delimiters. */
#include "extract.h"
#include "unit.h"

static struct extracted x;

/* Extracts one record; returns the analysed text (or the skip reason). */
static const char *ex(const struct extract_opts *o, const char *json)
{
	static struct buf out;
	extract_line(o, json, strlen(json), "fallback", 7, &x);
	buf_reset(&out);
	if (x.skip)
		buf_printf(&out, "SKIP:%s", cot_skip_name(x.skip));
	else
		buf_add(&out, x.text, x.len);
	return out.p;
}

int main(void)
{
	struct extract_opts o = {0};

	/* auto-detection order */
	CHECK_STR(ex(&o, "{\"cot\":\"A\",\"text\":\"B\"}"), "A");
	CHECK_STR(ex(&o, "{\"text\":\"B\",\"response\":\"R\"}"), "R");
	CHECK_STR(ex(&o, "{\"cot\":null,\"output\":[\"first\",\"second\"]}"), "first");
	CHECK_STR(ex(&o, "{\"completion\":\"C\",\"generated\":\"G\"}"), "C");
	CHECK_STR(ex(&o, "{\"generated\":\"G\"}"), "G");

	/* <think> handling */
	CHECK_STR(ex(&o, "{\"cot\":\"<think>inside</think>answer\"}"), "inside");
	CHECK_STR(ex(&o, "{\"cot\":\"pre-filled reasoning</think>answer\"}"), "pre-filled reasoning");
	CHECK_STR(ex(&o, "{\"cot\":\"<think>cut off\"}"), "cut off");
	CHECK(x.defects & (1u << COT_D_TRUNCATED), "unclosed think is truncated");
	CHECK_STR(ex(&o, "{\"cot\":\"<think>a</think>mid<think>b</think>end\"}"), "a\n\nb");
	CHECK(!(x.defects & (1u << COT_D_TRUNCATED)), "closed is not truncated");
	CHECK_STR(ex(&o, "{\"cot\":\"<|begin_of_thought|>T<|end_of_thought|><|begin_of_solution|>S\"}"), "T");
	CHECK_STR(ex(&o, "{\"cot\":\"<Thought>T</Thought><Output>O</Output>\"}"), "T");
	CHECK_STR(ex(&o, "{\"cot\":\"no tags at all\"}"), "no tags at all");
	struct extract_opts whole = { .whole = 1 };
	CHECK_STR(ex(&whole, "{\"cot\":\"<think>in</think>out\"}"), "<think>in</think>out");

	/* chat messages: the last assistant message */
	CHECK_STR(ex(&o, "{\"messages\":[{\"role\":\"user\",\"content\":\"Q\"},{\"role\":\"assistant\",\"content\":\"one\"},"
		      "{\"role\":\"user\",\"content\":\"Q2\"},{\"role\":\"assistant\",\"content\":\"two\"}]}"), "two");
	CHECK_STR(ex(&o, "{\"messages\":[{\"role\":\"assistant\",\"reasoning_content\":\"R\",\"content\":\"final\"}]}"), "R");
	/* reasoning_content null: the reasoning is in content */
	CHECK_STR(ex(&o, "{\"messages\":[{\"role\":\"assistant\",\"reasoning_content\":null,"
		      "\"content\":\"<think>R</think>final\"}]}"), "R");
	/* both present: reasoning_content, then the section found in content */
	CHECK_STR(ex(&o, "{\"messages\":[{\"role\":\"assistant\",\"reasoning_content\":\"R1\","
		      "\"content\":\"<think>R2</think>final\"}]}"), "R1\n\nR2");
	CHECK_STR(ex(&whole, "{\"messages\":[{\"role\":\"assistant\",\"reasoning_content\":\"R\",\"content\":\"F\"}]}"), "R\n\nF");
	CHECK_STR(ex(&o, "{\"messages\":[{\"role\":\"user\",\"content\":\"Q\"}]}"), "SKIP:no_cot");
	/* top-level reasoning_content with content */
	CHECK_STR(ex(&o, "{\"reasoning_content\":\"TOP\",\"content\":\"answer\"}"), "TOP");
	/* Anthropic content blocks */
	CHECK_STR(ex(&o, "{\"content\":[{\"type\":\"thinking\",\"thinking\":\"TH\",\"signature\":\"s\"},"
		      "{\"type\":\"text\",\"text\":\"answer\"}]}"), "TH");
	CHECK_STR(ex(&o, "{\"content\":[{\"type\":\"text\",\"text\":\"only text\"}]}"), "only text");
	/* OpenAI response */
	CHECK_STR(ex(&o, "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"M\"}}]}"), "M");
	CHECK_STR(ex(&o, "{\"choices\":[{\"text\":\"<think>CT</think>x\"}]}"), "CT");

	/* skips */
	CHECK_STR(ex(&o, "{\"cot\":5}"), "SKIP:cot_not_string");
	CHECK_STR(ex(&o, "{\"cot\":{\"a\":1}}"), "SKIP:cot_not_string");
	CHECK_STR(ex(&o, "{\"prompt\":\"x\"}"), "SKIP:no_cot");
	CHECK_STR(ex(&o, "[1,2]"), "SKIP:not_object");
	CHECK_STR(ex(&o, "\"str\""), "SKIP:not_object");
	CHECK_STR(ex(&o, "{\"cot\":\"x\""), "SKIP:bad_json");
	CHECK_STR(ex(&o, "{\"cot\":\"x\"} {\"cot\":\"y\"}"), "SKIP:bad_json");
	CHECK_STR(ex(&o, "{'cot':'x'}"), "SKIP:bad_json");
	CHECK_STR(ex(&o, "{\"cot\":\"x\"}   "), "x");

	/* explicit paths */
	struct extract_opts p = { .cot_path = "a.b.-1.c", .model_path = "meta.m", .id_path = "meta.n" };
	CHECK_STR(ex(&p, "{\"a\":{\"b\":[{\"c\":\"no\"},{\"c\":\"yes\"}]},\"meta\":{\"m\":\"M1\",\"n\":12}}"), "yes");
	CHECK_STR(x.model.p, "M1");
	CHECK_STR(x.id.p, "12");
	CHECK_STR(ex(&p, "{\"a\":{\"b\":[]}}"), "SKIP:no_cot");
	CHECK_STR(x.why.p, "no field 'a.b.-1.c': step '-1' of 'a.b.-1.c' is not an index of the array there (0 elements)");
	struct extract_opts p2 = { .cot_path = "a" };
	CHECK_STR(ex(&p2, "{\"a\":null}"), "SKIP:cot_not_string");
	CHECK_STR(x.why.p, "field 'a' is null, not a string");

	/* model and id fallbacks */
	ex(&o, "{\"cot\":\"x\",\"model_name\":\"MN\"}");
	CHECK_STR(x.model.p, "MN");
	CHECK_STR(x.id.p, "7");
	ex(&o, "{\"cot\":\"x\",\"generator\":\"G\",\"id\":\"abc\"}");
	CHECK_STR(x.model.p, "G");
	CHECK_STR(x.id.p, "abc");
	ex(&o, "{\"cot\":\"x\"}");
	CHECK_STR(x.model.p, "fallback");
	struct extract_opts named = { .model_name = "given" };
	ex(&named, "{\"cot\":\"x\"}");
	CHECK_STR(x.model.p, "given");
	ex(&named, "{\"cot\":\"x\",\"model\":\"inrecord\"}");
	CHECK_STR(x.model.p, "inrecord");

	/* extract_path edge cases */
	cJSON *j = cJSON_Parse("{\"a\":[10,20,30],\"b\":{\"c\":true}}");
	CHECK(cJSON_GetNumberValue(extract_path(j, "a.0")) == 10, "a.0");
	CHECK(cJSON_GetNumberValue(extract_path(j, "a.-3")) == 10, "a.-3");
	CHECK(extract_path(j, "a.3") == NULL, "a.3");
	CHECK(extract_path(j, "a.-4") == NULL, "a.-4");
	CHECK(extract_path(j, "a.x") == NULL, "a.x");
	CHECK(cJSON_IsTrue(extract_path(j, "b.c")), "b.c");
	CHECK(extract_path(j, "b.c.d") == NULL, "b.c.d");
	cJSON_Delete(j);

	/* the three spellings: dotted, JSON Pointer, jq; any key */
	j = cJSON_Parse("{\"r\":{\"0.0\":{\"c\":\"t\"}},\"a/b\":1,\"m~n\":2,\"a,b\":3,\"l\":[5,6],\"\":7}");
	CHECK(cJSON_IsString(extract_path(j, "/r/0.0/c")), "/r/0.0/c");
	CHECK(cJSON_IsString(extract_path(j, ".r[\"0.0\"].c")), ".r[\"0.0\"].c");
	CHECK(cJSON_IsString(extract_path(j, ".r.[\"0.0\"].c")), ".r.[\"0.0\"].c");
	CHECK(cJSON_IsString(extract_path(j, ".r[\"0\\u002e0\"].c")), "\\u escape");
	CHECK(extract_path(j, "r.0.0.c") == NULL, "a dotted key cannot hold a dot");
	CHECK(cJSON_GetNumberValue(extract_path(j, "/a~1b")) == 1, "/a~1b");
	CHECK(cJSON_GetNumberValue(extract_path(j, "/m~0n")) == 2, "/m~0n");
	CHECK(cJSON_GetNumberValue(extract_path(j, ".[\"a,b\"]")) == 3, ".[\"a,b\"]");
	CHECK(cJSON_GetNumberValue(extract_path(j, "/l/1")) == 6, "/l/1");
	CHECK(extract_path(j, "/l/-1") == NULL, "a pointer has no negative index");
	CHECK(cJSON_GetNumberValue(extract_path(j, ".l[-1]")) == 6, ".l[-1]");
	CHECK(extract_path(j, ".l.x") == NULL, ".l.x");
	CHECK(extract_path(j, ".l[\"0\"]") == NULL, "a quoted key is not an index");
	CHECK(cJSON_GetNumberValue(extract_path(j, "/")) == 7, "/ is the empty key");
	const char *bad[] = { "", "a..b", ".a..b", "a.", ".a[", ".a[x]", ".a[\"x", ".a[\"x\"", "/a~2", "/a~", ".a[-]",
			      ".[\"\\u0000\"]", ".[\"\\q\"]" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		CHECK(!extract_path_valid(bad[i], strlen(bad[i])), "'%s' is not a path", bad[i]);
	const char *good[] = { "a", "a.b.-1", "/", "/a/0", ".a", ".a[0][\"b\"]", "[0]", ".[\"x\"]" };
	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		CHECK(extract_path_valid(good[i], strlen(good[i])), "'%s' is a path", good[i]);
	struct buf why = {0};
	CHECK(extract_path_why(j, "r.x", &why) == NULL, "r.x");
	CHECK_STR(why.p, "no key 'x' at 'r' (keys there: '0.0')");
	CHECK(extract_path_why(j, "/l/9", &why) == NULL, "/l/9");
	CHECK_STR(why.p, "step '9' of '/l/9' is not an index of the array there (2 elements)");
	buf_free(&why);
	cJSON_Delete(j);

	extracted_free(&x);
	return unit_done("test_extract");
}
