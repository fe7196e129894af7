/* SPDX-License-Identifier: MIT */
/*
 * Booting krt. krt boots itself on first use with the parameters in the KRT_CMDLINE environment
 * variable (kernel command-line syntax). A program that wants to choose the parameters in code
 * calls krt_boot() before anything else of krt.
 */
#ifndef _KRT_BOOT_H
#define _KRT_BOOT_H

/*
 * krt_boot - boot krt with @cmdline (NULL: KRT_CMDLINE). Returns 0, or -EBUSY if krt had already
 * booted (the parameters are then not applied).
 */
int krt_boot(const char *cmdline);

/*
 * krt_cmdline_apply - apply the parameters in @cmdline now, as boot does (early parameters
 * first, unknown ones reported). Returns the number of unknown parameters.
 */
int krt_cmdline_apply(const char *cmdline);

/* Has krt booted? */
int krt_booted(void);

/* The command line krt booted with. */
const char *krt_saved_command_line(void);

#endif /* _KRT_BOOT_H */
