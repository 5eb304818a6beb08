/* cmd/info.c: placeholder until the command is written. */
#include "cmd.h"

static int
cmd_info_exec(struct mc_ctx *ctx, int argc, char **argv)
{
	(void)ctx; (void)argc; (void)argv;
	return MC_FAIL;
}

const struct cmd_entry cmd_info_entry = {
	.name = "info", .usage = "", .summary = "(not yet written)",
	.flags = 0, .exec = cmd_info_exec
};
