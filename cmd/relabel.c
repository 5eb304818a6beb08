/*
 * cmd/relabel.c: "maskcat relabel": record, undo and list label
 * corrections (db/corrections.c).  The source files are never touched.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../db/corrections.h"
#include "../lib/labels.h"
#include "../reports/report.h"

static int	cmd_relabel_exec(struct mc_ctx *, int, char **);

const struct cmd_entry cmd_relabel_entry = {
	.name = "relabel",
	.alias = NULL,
	.usage = "[--source NAME] (--person FOLDER | --image PATH [--box N])"
	    " --field F --value V --reason TEXT | --undo [ID] |"
	    " --list [--all] [--format F]",
	.summary = "correct a label in the catalog (with history and undo)",
	.help =
	    "Records a correction of one label and applies it to the catalog;\n"
	    "reports and exports then use it, and every later import of the\n"
	    "source applies it again.  The source's files are never changed.\n"
	    "\n"
	    "options:\n"
	    "   --source NAME   the source (optional when the catalog has one)\n"
	    "   --person FOLDER a person (base layout): gender or age, for the\n"
	    "                   person and all of its photos\n"
	    "   --image PATH    an image, by its path in the source: its mask\n"
	    "                   state, or gender/age when it has no person\n"
	    "   --box N         a face box of that image (its index): mask only\n"
	    "   --field F       mask, gender or age\n"
	    "   --value V       wear|incorrect|not_wear, male|female, or 0-150\n"
	    "   --reason TEXT   why the label is wrong (kept in the history)\n"
	    "   --undo [ID]     undo correction ID (default: the latest)\n"
	    "   --list          list the active corrections (of --source)\n"
	    "   --all           with --list: undone ones too\n"
	    "   --format F      with --list: text (default), csv or json\n",
	.flags = CMD_WRITE_DB,
	.exec = cmd_relabel_exec
};

/* Parses V for 'field'; the code, or -1 with a message in *why. */
static int
parse_value(const char *field, const char *v, const char **why)
{
	int	value = -1;

	if (strcmp(field, "mask") == 0) {
		value = label_mask_parse(v);
		*why = "wear, incorrect or not_wear";
	} else if (strcmp(field, "gender") == 0) {
		value = label_gender_parse(v);
		*why = "male or female";
	} else {
		value = label_age_parse(v);
		*why = "a whole number of years from 0 to 150";
	}
	return value;
}

/* Prints "<target>" as corrections name it: person 'F', image 'P' box N. */
static void
print_target(FILE *out, const char *person, const char *path, int box_idx)
{
	if (person != NULL)
		fprintf(out, "person '%s'", person);
	else if (box_idx >= 0)
		fprintf(out, "image '%s' box %d", path, box_idx);
	else
		fprintf(out, "image '%s'", path);
}

struct list_state {
	FILE			*out;
	enum report_format	 fmt;
	long			 n;
};

static int
list_row(const struct db_correction_row *r, void *arg)
{
	struct list_state	*ls = arg;
	FILE			*out = ls->out;
	char			 b1[16], b2[16], box[16];
	const char		*ow = db_correction_word(r->field, r->old_value, b1);
	const char		*nw = db_correction_word(r->field, r->new_value, b2);

	snprintf(box, sizeof box, "%d", r->box_idx);
	switch (ls->fmt) {
	case REPORT_TEXT:
		fprintf(out, "#%lld %s %s ", (long long)r->id, r->created_at,
		    r->source);
		print_target(out, r->person, r->path, r->box_idx);
		fprintf(out, " %s %s -> %s: %s", r->field, ow, nw, r->reason);
		if (r->undone_at != NULL)
			fprintf(out, " (undone %s)", r->undone_at);
		fputc('\n', out);
		break;
	case REPORT_CSV:
		fprintf(out, "%lld,", (long long)r->id);
		csv_field(out, r->source);
		fputc(',', out);
		csv_field(out, r->person ? r->person : "");
		fputc(',', out);
		csv_field(out, r->path ? r->path : "");
		fprintf(out, ",%s,%s,%s,%s,", r->box_idx >= 0 ? box : "",
		    r->field, r->old_value >= 0 ? ow : "", nw);
		csv_field(out, r->reason);
		fprintf(out, ",%s,%s\n", r->created_at,
		    r->undone_at ? r->undone_at : "");
		break;
	case REPORT_JSON:
		fprintf(out, "%s\n  {\"id\": %lld, \"source\": ",
		    ls->n ? "," : "", (long long)r->id);
		json_string(out, r->source);
		fprintf(out, ", \"person\": ");
		if (r->person != NULL)
			json_string(out, r->person);
		else
			fputs("null", out);
		fprintf(out, ", \"path\": ");
		if (r->path != NULL)
			json_string(out, r->path);
		else
			fputs("null", out);
		fprintf(out, ", \"box\": %s, \"field\": \"%s\", \"old\": ",
		    r->box_idx >= 0 ? box : "null", r->field);
		/* ages are numbers, words are strings; unknown is null */
		if (r->old_value < 0)
			fputs("null", out);
		else if (strcmp(r->field, "age") == 0)
			fputs(ow, out);
		else
			json_string(out, ow);
		fprintf(out, ", \"new\": ");
		if (strcmp(r->field, "age") == 0)
			fputs(nw, out);
		else
			json_string(out, nw);
		fprintf(out, ", \"reason\": ");
		json_string(out, r->reason);
		fprintf(out, ", \"created_at\": \"%s\", \"undone_at\": ",
		    r->created_at);
		if (r->undone_at != NULL)
			fprintf(out, "\"%s\"}", r->undone_at);
		else
			fputs("null}", out);
		break;
	}
	ls->n++;
	return 0;
}

static int
relabel_list(sqlite3 *db, const char *source, int all, enum report_format fmt)
{
	struct list_state	ls = { stdout, fmt, 0 };

	if (fmt == REPORT_CSV)
		printf("id,source,person,path,box,field,old,new,reason,"
		    "created_at,undone_at\n");
	else if (fmt == REPORT_JSON)
		printf("[");
	if (db_each_correction(db, source, all, list_row, &ls) != 0)
		return MC_FAIL;
	if (fmt == REPORT_JSON)
		printf("%s]\n", ls.n ? "\n" : "");
	else if (fmt == REPORT_TEXT && ls.n == 0)
		printf("no label corrections%s\n", all ? "" :
		    " active (--all shows undone ones)");
	return MC_OK;
}

static int
relabel_undo(sqlite3 *db, const char *arg)
{
	struct db_correction_row	 r;
	char				*end;
	char				 b1[16], b2[16];
	long long			 id = 0;

	if (arg != NULL) {
		if (*arg == '#')
			arg++;
		id = strtoll(arg, &end, 10);
		if (*arg == '\0' || *end != '\0' || id <= 0)
			return cmd_usage_error(&cmd_relabel_entry, "--undo"
			    " wants a correction number, not '%s'", arg);
	}
	if (db_correction_undo(db, id, &r) != 0)
		return MC_FAIL;
	printf("undid correction #%lld: ", (long long)r.id);
	print_target(stdout, r.person, r.path, r.box_idx);
	printf(" %s %s -> %s\n", r.field,
	    db_correction_word(r.field, r.new_value, b1),
	    db_correction_word(r.field, r.old_value, b2));
	db_correction_row_release(&r);
	return MC_OK;
}

static int
cmd_relabel_exec(struct mc_ctx *ctx, int argc, char **argv)
{
	static const struct option	 longopts[] = {
		{ "source", required_argument, NULL, 's' },
		{ "person", required_argument, NULL, 'p' },
		{ "image", required_argument, NULL, 'i' },
		{ "box", required_argument, NULL, 'b' },
		{ "field", required_argument, NULL, 'F' },
		{ "value", required_argument, NULL, 'v' },
		{ "reason", required_argument, NULL, 'r' },
		{ "undo", optional_argument, NULL, 'u' },
		{ "list", no_argument, NULL, 'l' },
		{ "all", no_argument, NULL, 'a' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd_entry		*e = &cmd_relabel_entry;
	struct db_correction		 c;
	const char			*value = NULL, *undo_id = NULL;
	const char			*why;
	char				*end;
	char				 b1[16], b2[16];
	int64_t				 id;
	long				 box;
	int				 ch, undo = 0, list = 0, all = 0;
	int				 fmt = -1, old;

	memset(&c, 0, sizeof c);
	c.box_idx = -1;
	while ((ch = getopt_long(argc, argv, "s:p:i:b:F:v:r:u::laf:",
	    longopts, NULL)) != -1) {
		switch (ch) {
		case 's':
			c.source = optarg;
			break;
		case 'p':
			c.person = optarg;
			break;
		case 'i':
			c.path = optarg;
			break;
		case 'b':
			box = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || box < 0 ||
			    box > 1000000)
				return cmd_usage_error(e, "--box wants a box"
				    " index (0, 1, ...), not '%s'", optarg);
			c.box_idx = (int)box;
			break;
		case 'F':
			if (strcmp(optarg, "mask") != 0 &&
			    strcmp(optarg, "gender") != 0 &&
			    strcmp(optarg, "age") != 0)
				return cmd_usage_error(e, "unknown --field '%s'"
				    " (mask, gender or age)", optarg);
			c.field = optarg;
			break;
		case 'v':
			value = optarg;
			break;
		case 'r':
			c.reason = optarg;
			break;
		case 'u':
			undo = 1;
			undo_id = optarg;
			break;
		case 'l':
			list = 1;
			break;
		case 'a':
			all = 1;
			break;
		case 'f':
			if ((fmt = report_format_parse(optarg)) < 0)
				return cmd_usage_error(e, "unknown format '%s'"
				    " (text, csv or json)", optarg);
			break;
		default:
			return cmd_usage_error(e, "unknown option");
		}
	}
	if (undo && undo_id == NULL && optind < argc)
		undo_id = argv[optind++];
	if (optind != argc)
		return cmd_usage_error(e, "unexpected argument '%s'",
		    argv[optind]);
	if (undo + list > 1 || ((undo || list) && (c.person || c.path ||
	    c.box_idx >= 0 || c.field || value || c.reason)))
		return cmd_usage_error(e, "--undo and --list take no"
		    " correction options");
	if (!list && (all || fmt >= 0))
		return cmd_usage_error(e, "--all and --format go with --list");
	if (list)
		return relabel_list(ctx->db, c.source, all,
		    fmt < 0 ? REPORT_TEXT : (enum report_format)fmt);
	if (undo) {
		if (c.source != NULL)
			return cmd_usage_error(e, "--undo takes a correction"
			    " number, not --source");
		return relabel_undo(ctx->db, undo_id);
	}
	if ((c.person == NULL) == (c.path == NULL))
		return cmd_usage_error(e, "name one target: --person FOLDER or"
		    " --image PATH");
	if (c.box_idx >= 0 && c.path == NULL)
		return cmd_usage_error(e, "--box goes with --image");
	if (c.field == NULL || value == NULL)
		return cmd_usage_error(e, "needs --field and --value");
	if (c.reason == NULL || c.reason[strspn(c.reason, " \t")] == '\0')
		return cmd_usage_error(e, "needs --reason TEXT (why the label"
		    " is wrong)");
	if ((c.value = parse_value(c.field, value, &why)) < 0)
		return cmd_usage_error(e, "--value '%s' is not %s", value,
		    why);
	if (db_correction_add(ctx->db, &c, &id, &old) != 0)
		return MC_FAIL;
	printf("correction #%lld: ", (long long)id);
	print_target(stdout, c.person, c.path, c.box_idx);
	printf(" %s %s -> %s\n", c.field, db_correction_word(c.field, old, b1),
	    db_correction_word(c.field, c.value, b2));
	return MC_OK;
}
