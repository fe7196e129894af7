/* SPDX-License-Identifier: MIT */
#ifndef __LINUX_STRINGIFY_H
#define __LINUX_STRINGIFY_H

#include <linux/compiler.h>

#define FILE_LINE __FILE__ ":" __stringify(__LINE__)

#endif /* !__LINUX_STRINGIFY_H */
