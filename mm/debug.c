// SPDX-License-Identifier: MIT
/*
 * Names of flag bits for reports (%pGg and, with later issues, dump_page()). Composite names
 * come first, so that "GFP_KERNEL|__GFP_NOWARN" is printed rather than every single bit; the
 * order is the kernel's (include/trace/events/mmflags.h), which decides what a mask prints as.
 */
#include <linux/gfp.h>
#include <linux/mmdebug.h>

#define gfpflag_string(flag) { (__force unsigned long)(flag), #flag }

const struct trace_print_flags gfpflag_names[] = {
	gfpflag_string(GFP_TRANSHUGE),
	gfpflag_string(GFP_TRANSHUGE_LIGHT),
	gfpflag_string(GFP_HIGHUSER_MOVABLE),
	gfpflag_string(GFP_HIGHUSER),
	gfpflag_string(GFP_USER),
	gfpflag_string(GFP_KERNEL_ACCOUNT),
	gfpflag_string(GFP_KERNEL),
	gfpflag_string(GFP_NOFS),
	gfpflag_string(GFP_ATOMIC),
	gfpflag_string(GFP_NOIO),
	gfpflag_string(GFP_NOWAIT),
	gfpflag_string(GFP_DMA),
	gfpflag_string(__GFP_HIGHMEM),
	gfpflag_string(GFP_DMA32),
	gfpflag_string(__GFP_HIGH),
	gfpflag_string(__GFP_IO),
	gfpflag_string(__GFP_FS),
	gfpflag_string(__GFP_NOWARN),
	gfpflag_string(__GFP_RETRY_MAYFAIL),
	gfpflag_string(__GFP_NOFAIL),
	gfpflag_string(__GFP_NORETRY),
	gfpflag_string(__GFP_COMP),
	gfpflag_string(__GFP_ZERO),
	gfpflag_string(__GFP_NOMEMALLOC),
	gfpflag_string(__GFP_MEMALLOC),
	gfpflag_string(__GFP_HARDWALL),
	gfpflag_string(__GFP_THISNODE),
	gfpflag_string(__GFP_RECLAIMABLE),
	gfpflag_string(__GFP_MOVABLE),
	gfpflag_string(__GFP_ACCOUNT),
	gfpflag_string(__GFP_WRITE),
	gfpflag_string(__GFP_RECLAIM),
	gfpflag_string(__GFP_DIRECT_RECLAIM),
	gfpflag_string(__GFP_KSWAPD_RECLAIM),
	gfpflag_string(__GFP_ZEROTAGS),
	{ 0, NULL }
};
