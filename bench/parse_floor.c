/*
 * parse_floor.c - the floor of `make bench`: reads JSONL with cotscan's
 * reader and parses every line with cJSON, nothing else.  No tagger can be
 * faster than this with these libraries.  Prints lines and parsed records.
 *
 * usage: parse_floor FILE
 */
#include <cjson/cJSON.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "reader.h"

int main(int argc, char **argv)
{
	if (argc != 2) {
		fputs("usage: parse_floor FILE\n", stderr);
		return 2;
	}
	int fd = open(argv[1], O_RDONLY);
	if (fd < 0) {
		perror(argv[1]);
		return 3;
	}
	struct reader rd;
	reader_init(&rd, fd, 1);
	const char *line;
	size_t len;
	unsigned long long lines = 0, parsed = 0;
	while (reader_next(&rd, &line, &len) > 0) {
		lines++;
		const char *end;
		cJSON *root = cJSON_ParseWithLengthOpts(line, len, &end, 0);
		parsed += root != NULL;
		cJSON_Delete(root);
	}
	reader_free(&rd);
	close(fd);
	printf("%llu lines, %llu parsed\n", lines, parsed);
	return 0;
}
