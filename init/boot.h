/* SPDX-License-Identifier: MIT */
/* krt-internal boot hooks shared by init/, kernel/ and the subsystems. */
#ifndef _KRT_INIT_BOOT_H
#define _KRT_INIT_BOOT_H

#include <linux/init.h>

/* Boot krt now if nothing has (called when a host thread first enters krt). */
void krt_ensure_booted(void);
/* Start the clocks behind jiffies and printk times (first thing at boot). */
void krt_time_init(void);
/* The registered __setup()/early_param() options. */
struct obs_kernel_param *krt_setup_params(void);

#endif /* _KRT_INIT_BOOT_H */
