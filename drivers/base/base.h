/* SPDX-License-Identifier: MIT */
/* Private to drivers/base: what the device core and devres share. */
#ifndef _KRT_DRIVERS_BASE_BASE_H
#define _KRT_DRIVERS_BASE_BASE_H

struct device;

/*
 * devres_release_all - release every managed resource of @dev, newest first. Returns how many
 * were released, or -ENODEV for a device that was never initialised.
 */
int devres_release_all(struct device *dev);

#endif /* _KRT_DRIVERS_BASE_BASE_H */
