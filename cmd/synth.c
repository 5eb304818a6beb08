/* cmd/synth.c: placeholder until the command is written. */
#include "cmd.h"

static int
cmd_synth_exec(struct mc_ctx *ctx, int argc, char **argv)
{
	(void)ctx; (void)argc; (void)argv;
	return MC_FAIL;
}

const struct cmd_entry cmd_synth_entry = {
	.name = "synth", .usage = "", .summary = "(not yet written)",
	.flags = 0, .exec = cmd_synth_exec
};
