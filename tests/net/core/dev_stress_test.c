// SPDX-License-Identifier: MIT
/*
 * struct net_device lifetime under concurrency. Registrars register and unregister devices
 * (single and batched, needs_free_netdev and explicit free_netdev(), failing ndo_init and vetoed
 * registrations) with names from a small pool, while other threads look the names and indexes
 * up under RCU, hold references (plain and tracked) for a while, open/close the devices and
 * change their MTU under RTNL, read their /sys/class/net files, and add and remove netdevice
 * notifiers (whose replays must stay balanced). A second case does the same while network
 * namespaces holding devices are created and destroyed.
 *
 * Every device carries a canary in its private area: whoever reaches a device (RCU reader,
 * holder, notifier) checks it, and priv_destructor kills it. Per device, ndo_init, ndo_uninit
 * and priv_destructor are counted: each device whose ndo_init succeeded gets exactly one of
 * each; the "net devices" counter returns to where it was, so every device was freed. Under
 * ASan a second free or a late access is reported; the suite is in the stress binary, which
 * also runs under TSan.
 */
#include <kunit/test.h>
#include <linux/netdevice.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/kasan.h>
#include <linux/kstrtox.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/net_namespace.h>
#include <net/rtnetlink.h>
#include <krt/printk.h>
#include <krt/proc.h>
#include <krt/thread.h>
#include <krt/tsan.h>
#include "net/core/dev.h"

/* Each case runs this long; sanitizer builds do fewer iterations in it, which is enough. */
#if defined(KRT_TSAN)
#define STRESS_MS	1500
#define LOOKUP_BURST	16	/* RCU lookups between two sleeps of a lookup thread */
#define MIN_REGISTERED	20	/* registrations a case must have done, at least */
#elif defined(KRT_ASAN)
#define STRESS_MS	2000
#define LOOKUP_BURST	128
#define MIN_REGISTERED	50
#else
#define STRESS_MS	2500
#define LOOKUP_BURST	256
#define MIN_REGISTERED	200
#endif

#define MAX_IDS		(1 << 17)	/* devices allocated per case, at most */
#define MAX_OWNED	8		/* devices a registrar keeps registered */
#define MAX_HELD	4		/* references a holder keeps */
#define PUB_SLOTS	16		/* recently registered ifindexes, for lookups by index */
#define NS_SLOTS	2		/* namespaces alive at a time (one per cycler) */
#define NS_DEVS		6		/* devices a cycler registers in its namespace */

#define SDEV_LIVE	0x6e65746465763121ULL
#define SDEV_DEAD	0xdeaddeaddeaddeadULL
#define SDEV_PATTERN	48
#define SDEV_MIN_MTU	68
#define SDEV_MAX_MTU	9000

/* What the device is asked to do at registration. */
#define SDEV_FAIL_INIT		BIT(0)	/* ndo_init fails: -ENOSPC, nothing else runs */
#define SDEV_VETO_POST_INIT	BIT(1)	/* NETDEV_POST_INIT vetoed: -EPERM */
#define SDEV_VETO_REGISTER	BIT(2)	/* NETDEV_REGISTER vetoed: -EBUSY, unregistered */

struct sdev_priv {
	u64 magic;
	u32 id;
	u32 flags;
	u64 cookie;
	u8 pattern[SDEV_PATTERN];
};

/* What happened to device @id: each of them is 0 or 1, and all three are equal at the end. */
struct id_rec {
	atomic_t init_ok;
	atomic_t uninit;
	atomic_t destructed;
};

/* Everything that can go wrong, counted by kind so that a failure says what it was. */
enum bad_kind {
	BAD_RCU_CANARY,		/* an RCU reader found a device whose canary is gone */
	BAD_RCU_STATE,		/* an RCU reader found an unregistered or released device */
	BAD_RCU_MTU,		/* MTU outside min_mtu..max_mtu */
	BAD_HELD_CANARY,	/* a holder's device lost its canary while held */
	BAD_HELD_STATE,		/* a held device was released */
	BAD_NOTIFIER_CANARY,	/* a notifier was told about a device without canary */
	BAD_NOTIFIER_BALANCE,	/* REGISTER and UNREGISTER replays did not match */
	BAD_NOTIFIER_RET,	/* register/unregister_netdevice_notifier*() failed */
	BAD_CALLBACK,		/* init/uninit/destructor twice, out of order, no RTNL */
	BAD_REGISTER_ERR,	/* registration failed with an error nobody asked for */
	BAD_SYSFS,		/* a /sys/class/net read returned nonsense */
	BAD_ADMIN,		/* dev_open/dev_set_mtu failed where they cannot */
	NR_BAD
};

static const char * const bad_names[NR_BAD] = {
	[BAD_RCU_CANARY] = "RCU reader saw a dead canary",
	[BAD_RCU_STATE] = "RCU reader saw an unregistered device",
	[BAD_RCU_MTU] = "MTU out of range",
	[BAD_HELD_CANARY] = "held device lost its canary",
	[BAD_HELD_STATE] = "held device released",
	[BAD_NOTIFIER_CANARY] = "notifier saw a dead canary",
	[BAD_NOTIFIER_BALANCE] = "notifier replay unbalanced",
	[BAD_NOTIFIER_RET] = "notifier (un)registration failed",
	[BAD_CALLBACK] = "driver callback misordered",
	[BAD_REGISTER_ERR] = "unexpected registration error",
	[BAD_SYSFS] = "bad sysfs read",
	[BAD_ADMIN] = "open/mtu failed",
};

static const char * const pool_names[] = {
	"nst0", "nst1", "nst2", "nst3", "nst4", "nst5", "nst6", "nst7",
	"nsu0", "nsu1", "nsu2", "nsu3",		/* what the template "nsu%d" gives */
};
#define NAME_POOL	8	/* the fixed names registrars use */

struct stress_state {
	bool stop;
	bool use_ns;
	struct id_rec *recs;
	atomic_t next_id;
	atomic_t bad[NR_BAD];
	atomic_t pub_ifindex[PUB_SLOTS];
	atomic_t pub_next;
	struct net __rcu *ns_slot[NS_SLOTS];
	/* Statistics, for the log and for "something happened" checks. */
	atomic_t registered, reg_failed, collisions, unregistered, batches;
	atomic_t rcu_hits, holds, tracked_holds, replaced, held_across, admin_ops, sysfs_reads;
	atomic_t notifier_cycles, ns_created;
};

static struct stress_state S;

static void bad(enum bad_kind kind)
{
	atomic_inc(&S.bad[kind]);
}

static bool stopping(void)
{
	return READ_ONCE(S.stop);
}

static u32 xorshift(u32 *state)
{
	u32 x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *state = x;
}

static u64 sdev_cookie(u32 id)
{
	return SDEV_LIVE ^ ((u64)id * 0x9e3779b97f4a7c15ULL);
}

/* ===== The driver ============================================================================ */

static int sdev_init(struct net_device *dev)
{
	struct sdev_priv *p = netdev_priv(dev);

	if (!rtnl_is_locked())
		bad(BAD_CALLBACK);
	if (p->flags & SDEV_FAIL_INIT)
		return -ENOSPC;
	if (atomic_inc_return(&S.recs[p->id].init_ok) != 1)
		bad(BAD_CALLBACK);
	return 0;
}

static void sdev_uninit(struct net_device *dev)
{
	struct sdev_priv *p = netdev_priv(dev);
	struct id_rec *rec = &S.recs[p->id];

	if (!rtnl_is_locked() || READ_ONCE(p->magic) != SDEV_LIVE)
		bad(BAD_CALLBACK);
	if (atomic_inc_return(&rec->uninit) != 1 || atomic_read(&rec->init_ok) != 1)
		bad(BAD_CALLBACK);
}

static int sdev_open(struct net_device *dev)
{
	netif_carrier_on(dev);
	return 0;
}

static int sdev_stop(struct net_device *dev)
{
	netif_carrier_off(dev);
	return 0;
}

static netdev_tx_t sdev_xmit(struct sk_buff *skb, struct net_device *dev)
{
	dev_kfree_skb(skb);
	return NETDEV_TX_OK;
}

static const struct net_device_ops sdev_ops = {
	.ndo_init = sdev_init,
	.ndo_uninit = sdev_uninit,
	.ndo_open = sdev_open,
	.ndo_stop = sdev_stop,
	.ndo_start_xmit = sdev_xmit,
};

/* Runs once per device whose ndo_init succeeded, after ndo_uninit and the last reference. */
static void sdev_destructor(struct net_device *dev)
{
	struct sdev_priv *p = netdev_priv(dev);
	struct id_rec *rec = &S.recs[p->id];

	if (READ_ONCE(p->magic) != SDEV_LIVE || p->cookie != sdev_cookie(p->id))
		bad(BAD_CALLBACK);
	WRITE_ONCE(p->magic, SDEV_DEAD);
	if (atomic_inc_return(&rec->destructed) != 1 || atomic_read(&rec->uninit) != 1)
		bad(BAD_CALLBACK);
}

static void sdev_setup(struct net_device *dev)
{
	dev->netdev_ops = &sdev_ops;
	dev->mtu = 1500;
	dev->min_mtu = SDEV_MIN_MTU;
	dev->max_mtu = SDEV_MAX_MTU;
	dev->priv_destructor = sdev_destructor;
}

static bool is_sdev(const struct net_device *dev)
{
	return dev->netdev_ops == &sdev_ops;
}

static struct net_device *sdev_alloc(const char *name, u32 flags)
{
	struct net_device *dev;
	struct sdev_priv *p;
	int id, i;

	id = atomic_inc_return(&S.next_id) - 1;
	if (id >= MAX_IDS)
		return NULL;
	dev = alloc_netdev(sizeof(*p), name, NET_NAME_USER, sdev_setup);
	if (!dev)
		return NULL;
	p = netdev_priv(dev);
	p->id = id;
	p->flags = flags;
	p->cookie = sdev_cookie(id);
	for (i = 0; i < SDEV_PATTERN; i++)
		p->pattern[i] = (u8)(id + i);
	p->magic = SDEV_LIVE;
	return dev;
}

/* The canary of a device reached without a reference (RCU) or with one. */
static bool sdev_alive(const struct net_device *dev, u32 r)
{
	const struct sdev_priv *p = netdev_priv(dev);
	unsigned int i = r % SDEV_PATTERN;

	return READ_ONCE(p->magic) == SDEV_LIVE && p->cookie == sdev_cookie(p->id) &&
	       p->pattern[i] == (u8)(p->id + i);
}

/* What an RCU reader may touch on a device it found, and what it must see there. */
static void check_rcu_dev(struct net_device *dev, u32 r)
{
	unsigned int mtu;
	u8 state;

	if (!is_sdev(dev))
		return;
	atomic_inc(&S.rcu_hits);
	if (!sdev_alive(dev, r))
		bad(BAD_RCU_CANARY);
	/* Unlisted before NETREG_UNREGISTERING, and a grace period before anything later. */
	state = READ_ONCE(dev->reg_state);
	if (state != NETREG_REGISTERED && state != NETREG_UNREGISTERING)
		bad(BAD_RCU_STATE);
	mtu = READ_ONCE(dev->mtu);
	if (mtu < SDEV_MIN_MTU || mtu > SDEV_MAX_MTU)
		bad(BAD_RCU_MTU);
	if (dev->name[0] != 'n')
		bad(BAD_RCU_CANARY);
	(void)netif_running(dev);
	(void)netif_carrier_ok(dev);
}

/* A device we hold a reference to: alive until the last reference, whatever its state. */
static void check_held_dev(struct net_device *dev, u32 r)
{
	if (!is_sdev(dev))
		return;
	if (!sdev_alive(dev, r))
		bad(BAD_HELD_CANARY);
	if (READ_ONCE(dev->reg_state) == NETREG_RELEASED)
		bad(BAD_HELD_STATE);
	if (netdev_refcnt_read(dev) < 2)
		bad(BAD_HELD_STATE);
}

/* ===== Notifiers ============================================================================= */

/* Always registered during a case: vetoes what the device asked for, checks canaries. */
static int veto_event(struct notifier_block *nb, unsigned long event, void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct sdev_priv *p;

	if (!is_sdev(dev))
		return NOTIFY_DONE;
	p = netdev_priv(dev);
	if (!sdev_alive(dev, event))
		bad(BAD_NOTIFIER_CANARY);
	if (event == NETDEV_POST_INIT && (p->flags & SDEV_VETO_POST_INIT))
		return notifier_from_errno(-EPERM);
	if (event == NETDEV_REGISTER && (p->flags & SDEV_VETO_REGISTER))
		return notifier_from_errno(-EBUSY);
	return NOTIFY_DONE;
}

static struct notifier_block veto_nb = {
	.notifier_call = veto_event,
	.priority = 0,
};

/*
 * Registered and unregistered in a loop. It must be told about every device exactly once each
 * way: the REGISTER replay and live REGISTERs balance the live UNREGISTERs and the unregister
 * replay. It runs before veto_nb (higher priority), so a vetoed REGISTER was seen too. The
 * rebroadcast of NETDEV_UNREGISTER by a waiting todo runner (NETREG_UNREGISTERED) is extra.
 */
struct toggle_nb {
	struct notifier_block nb;
	int balance;		/* under RTNL */
};

static int toggle_event(struct notifier_block *nb, unsigned long event, void *ptr)
{
	struct toggle_nb *t = container_of(nb, struct toggle_nb, nb);
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);

	if (!is_sdev(dev))
		return NOTIFY_DONE;
	if (!sdev_alive(dev, event))
		bad(BAD_NOTIFIER_CANARY);
	if (event == NETDEV_REGISTER) {
		t->balance++;
	} else if (event == NETDEV_UNREGISTER && READ_ONCE(dev->reg_state) != NETREG_UNREGISTERED) {
		if (--t->balance < 0)
			bad(BAD_NOTIFIER_BALANCE);
	}
	return NOTIFY_DONE;
}

static int notifier_thread(void *arg)
{
	struct toggle_nb global = { .nb = { .notifier_call = toggle_event, .priority = 1 } };
	struct toggle_nb pernet = { .nb = { .notifier_call = toggle_event, .priority = 1 } };
	u32 seed = 0x2545f491;

	while (!stopping()) {
		u32 r = xorshift(&seed);
		struct net *net = NULL;

		if (register_netdevice_notifier(&global.nb))
			bad(BAD_NOTIFIER_RET);
		usleep_range(50, 50 + r % 500);
		if (unregister_netdevice_notifier(&global.nb))
			bad(BAD_NOTIFIER_RET);
		if (global.balance)
			bad(BAD_NOTIFIER_BALANCE);
		global.balance = 0;

		/* A namespace's own chain, while we keep the namespace alive. */
		if (S.use_ns) {
			rcu_read_lock();
			net = rcu_dereference(S.ns_slot[(r >> 8) % NS_SLOTS]);
			if (net && !maybe_get_net(net))
				net = NULL;
			rcu_read_unlock();
		}
		if (net) {
			if (register_netdevice_notifier_net(net, &pernet.nb))
				bad(BAD_NOTIFIER_RET);
			usleep_range(20, 200);
			if (unregister_netdevice_notifier_net(net, &pernet.nb))
				bad(BAD_NOTIFIER_RET);
			if (pernet.balance)
				bad(BAD_NOTIFIER_BALANCE);
			pernet.balance = 0;
			put_net(net);
		}
		atomic_inc(&S.notifier_cycles);
		usleep_range(100, 400);
	}
	return 0;
}

/* ===== Registrars ============================================================================ */

struct owned {
	struct net_device *dev;
	bool explicit_free;	/* no needs_free_netdev: free_netdev() after unregistering */
};

struct registrar {
	u32 seed;
	struct net *net;	/* where devices go (a registrar of a namespace owns a reference) */
	struct owned owned[MAX_OWNED];
	int nr_owned;
};

static void publish_ifindex(int ifindex)
{
	atomic_set(&S.pub_ifindex[atomic_inc_return(&S.pub_next) % PUB_SLOTS], ifindex);
}

/* Register a new device in @rg->net; a registration that fails frees it at once. */
static void registrar_add(struct registrar *rg, u32 r)
{
	bool tmpl = (r & 7) == 0, under_rtnl = r & 8, explicit_free = r & 16;
	struct net_device *dev;
	u32 flags = 0;
	char name[IFNAMSIZ];
	int err, expect = 0;

	switch ((r >> 5) & 31) {
	case 0:
		flags = SDEV_FAIL_INIT;
		expect = -ENOSPC;
		break;
	case 1:
		flags = SDEV_VETO_POST_INIT;
		expect = -EPERM;
		break;
	case 2:
		flags = SDEV_VETO_REGISTER;
		expect = -EBUSY;
		break;
	}
	if (tmpl)
		strscpy(name, "nsu%d", sizeof(name));
	else
		strscpy(name, pool_names[(r >> 10) % NAME_POOL], sizeof(name));

	dev = sdev_alloc(name, flags);
	if (!dev) {
		WRITE_ONCE(S.stop, true);	/* out of ids: the case has done enough */
		return;
	}
	dev->needs_free_netdev = !explicit_free;
	dev_net_set(dev, rg->net);

	if (under_rtnl) {
		rtnl_lock();
		err = register_netdevice(dev);
		if (!err && (r & 32))
			dev_open(dev, NULL);	/* visible and up in the same RTNL section */
		/* A failed device is the caller's; under RTNL a vetoed one is only marked. */
		if (err && (r & 64))
			free_netdev(dev);
		rtnl_unlock();
		if (err && !(r & 64))
			free_netdev(dev);
	} else {
		err = register_netdev(dev);
		if (err)
			free_netdev(dev);
	}

	if (err) {
		atomic_inc(&S.reg_failed);
		if (err == -EEXIST && !tmpl)
			atomic_inc(&S.collisions);
		else if (err != expect)
			bad(BAD_REGISTER_ERR);
		return;
	}
	if (expect)
		bad(BAD_REGISTER_ERR);
	atomic_inc(&S.registered);
	/* The device may be unregistered by its namespace from now on: read it only here. */
	publish_ifindex(dev->ifindex);
	rg->owned[rg->nr_owned].dev = dev;
	rg->owned[rg->nr_owned].explicit_free = explicit_free;
	rg->nr_owned++;
}

static struct owned registrar_take(struct registrar *rg, unsigned int i)
{
	struct owned o = rg->owned[i];

	rg->owned[i] = rg->owned[--rg->nr_owned];
	return o;
}

/* Unregister one device, or a batch of up to @max, in one of the documented ways. */
static void registrar_remove(struct registrar *rg, u32 r, int max)
{
	struct owned batch[MAX_OWNED];
	LIST_HEAD(kill);
	int i, n;

	if (!rg->nr_owned)
		return;
	switch (r & 3) {
	case 0: {	/* the simple driver's remove(): unregister_netdev() then free_netdev() */
		struct owned o = registrar_take(rg, (r >> 4) % rg->nr_owned);

		unregister_netdev(o.dev);
		if (o.explicit_free)
			free_netdev(o.dev);
		atomic_inc(&S.unregistered);
		return;
	}
	case 1: {	/* under RTNL: free_netdev() right after unregister_netdevice() */
		struct owned o = registrar_take(rg, (r >> 4) % rg->nr_owned);

		rtnl_lock();
		unregister_netdevice(o.dev);
		if (o.explicit_free)
			free_netdev(o.dev);
		rtnl_unlock();
		atomic_inc(&S.unregistered);
		return;
	}
	default:	/* a batch: one unregister_netdevice_many() */
		n = 1 + (r >> 4) % min(max, rg->nr_owned);
		for (i = 0; i < n; i++)
			batch[i] = registrar_take(rg, (r >> (8 + i)) % rg->nr_owned);
		rtnl_lock();
		for (i = 0; i < n; i++)
			unregister_netdevice_queue(batch[i].dev, &kill);
		unregister_netdevice_many(&kill);
		/* Case 2 frees under RTNL (deferred to the todo runner), case 3 after it. */
		for (i = 0; (r & 3) == 2 && i < n; i++)
			if (batch[i].explicit_free)
				free_netdev(batch[i].dev);
		rtnl_unlock();
		for (i = 0; (r & 3) == 3 && i < n; i++)
			if (batch[i].explicit_free)
				free_netdev(batch[i].dev);
		atomic_add(n, &S.unregistered);
		atomic_inc(&S.batches);
		return;
	}
}

static void registrar_remove_all(struct registrar *rg)
{
	while (rg->nr_owned)
		registrar_remove(rg, 2 | (u32)(MAX_OWNED << 4), MAX_OWNED);
}

static int registrar_thread(void *arg)
{
	struct registrar *rg = arg;

	while (!stopping()) {
		u32 r = xorshift(&rg->seed);

		if (rg->nr_owned == MAX_OWNED || (rg->nr_owned && r % 3 == 0))
			registrar_remove(rg, r >> 2, 4);
		else
			registrar_add(rg, r >> 2);
		if ((r & 63) == 0)
			usleep_range(10, 100);
	}
	registrar_remove_all(rg);
	return 0;
}

/*
 * A namespace's life: create it, register devices in it, let the others find them, unregister
 * some ourselves, and drop it with the rest still registered (needs_free_netdev), so that its
 * teardown unregisters them as one batch while holders may still hold them.
 */
static int cycler_thread(void *arg)
{
	struct registrar *rg = arg;
	unsigned int slot = rg->seed % NS_SLOTS;
	int i;

	while (!stopping()) {
		u32 r = xorshift(&rg->seed);
		struct net *net = krt_net_create();

		if (IS_ERR(net)) {
			bad(BAD_REGISTER_ERR);
			break;
		}
		atomic_inc(&S.ns_created);
		rg->net = net;
		for (i = 0; i < NS_DEVS; i++)
			registrar_add(rg, xorshift(&rg->seed) >> 2);
		rcu_assign_pointer(S.ns_slot[slot], net);

		for (i = 0; i < 4 && !stopping(); i++) {
			usleep_range(200, 2000);
			if (xorshift(&rg->seed) & 1)
				registrar_remove(rg, xorshift(&rg->seed), 3);
			else if (rg->nr_owned < MAX_OWNED)
				registrar_add(rg, xorshift(&rg->seed) >> 2);
		}

		/* Ours to free: unregister them now; the others go with the namespace. */
		for (i = rg->nr_owned - 1; i >= 0; i--) {
			if (rg->owned[i].explicit_free) {
				struct owned o = registrar_take(rg, i);

				if (r & 1) {
					unregister_netdev(o.dev);
					free_netdev(o.dev);
				} else {
					rtnl_lock();
					unregister_netdevice(o.dev);
					free_netdev(o.dev);
					rtnl_unlock();
				}
				atomic_inc(&S.unregistered);
			}
		}
		rg->nr_owned = 0;
		RCU_INIT_POINTER(S.ns_slot[slot], NULL);
		rg->net = NULL;
		put_net(net);
		if ((r & 15) == 0)
			net_ns_barrier();
	}
	return 0;
}

/* ===== Readers and holders =================================================================== */

/* Under rcu_read_lock(): a namespace with devices, or NULL. */
static struct net *pick_net_rcu(u32 r)
{
	if (!S.use_ns || (r & 3) == 0)
		return &init_net;
	return rcu_dereference(S.ns_slot[(r >> 2) % NS_SLOTS]);
}

static int published_ifindex(u32 r)
{
	return atomic_read(&S.pub_ifindex[r % PUB_SLOTS]);
}

static int lookup_thread(void *arg)
{
	u32 seed = (u32)(unsigned long)arg;
	unsigned long iter = 0;

	while (!stopping()) {
		u32 r = xorshift(&seed);
		struct net_device *dev;
		struct net *net;

		rcu_read_lock();
		net = pick_net_rcu(r);
		if (net) {
			switch ((r >> 4) & 3) {
			case 0:
			case 1:
				dev = dev_get_by_name_rcu(net, pool_names[(r >> 8) %
									ARRAY_SIZE(pool_names)]);
				if (dev)
					check_rcu_dev(dev, r);
				break;
			case 2:
				dev = dev_get_by_index_rcu(net, published_ifindex(r >> 8));
				if (dev)
					check_rcu_dev(dev, r);
				break;
			case 3:
				for_each_netdev_rcu(net, dev)
					check_rcu_dev(dev, r);
				break;
			}
		}
		rcu_read_unlock();
		if ((++iter & 63) == 0)
			cond_resched();
		if ((iter & (LOOKUP_BURST - 1)) == 0)
			usleep_range(10, 50);
	}
	return 0;
}

struct held {
	struct net_device *dev;
	netdevice_tracker tracker;
	bool tracked;
};

static void hold_delay(u32 r)
{
	switch (r & 7) {
	case 0:
	case 1:
		usleep_range(20, 300);
		break;
	case 2:
		udelay(10);
		break;
	case 3:
		if ((r & 0xff00) == 0)
			msleep(3);	/* now and then long enough for the waiter to back off */
		break;
	default:
		cond_resched();
		break;
	}
}

static void holder_drop(struct held *held, int *nr, unsigned int i, u32 r)
{
	struct held h = held[i];

	held[i] = held[--*nr];
	check_held_dev(h.dev, r);
	if (READ_ONCE(h.dev->reg_state) != NETREG_REGISTERED)
		atomic_inc(&S.held_across);	/* its unregistration is waiting for us */
	netdev_put(h.dev, h.tracked ? &h.tracker : NULL);
}

/* Take a reference through one of the lookup quartets, or under RCU with netdev_hold(). */
static bool holder_take(struct held *h, u32 r)
{
	const char *name = pool_names[(r >> 8) % ARRAY_SIZE(pool_names)];
	int ifindex = published_ifindex(r >> 12);
	struct net_device *dev = NULL;
	struct net *net = &init_net;

	h->tracked = false;
	switch ((r >> 4) & 7) {
	case 0:
		dev = dev_get_by_name(net, name);
		break;
	case 1:
		dev = dev_get_by_index(net, ifindex);
		break;
	case 2:
		dev = netdev_get_by_name(net, name, &h->tracker, GFP_KERNEL);
		h->tracked = true;
		break;
	case 3:
		dev = netdev_get_by_index(net, ifindex, &h->tracker, GFP_KERNEL);
		h->tracked = true;
		break;
	default:
		/* Any namespace: find it under RCU, hold it before leaving the section. */
		h->tracked = r & 1;
		rcu_read_lock();
		net = pick_net_rcu(r);
		if (net) {
			dev = (r & 2) ? dev_get_by_name_rcu(net, name) :
					dev_get_by_index_rcu(net, ifindex);
			netdev_hold(dev, h->tracked ? &h->tracker : NULL, GFP_ATOMIC);
		}
		rcu_read_unlock();
		break;
	}
	if (!dev)
		return false;
	h->dev = dev;
	atomic_inc(&S.holds);
	if (h->tracked)
		atomic_inc(&S.tracked_holds);
	check_held_dev(dev, r);
	return true;
}

/* Move a tracked reference to another device found under RCU (or drop it: NULL). */
static void holder_replace(struct held *held, int *nr, unsigned int i, u32 r)
{
	struct held *h = &held[i];
	struct net_device *ndev;

	rcu_read_lock();
	ndev = dev_get_by_name_rcu(&init_net, pool_names[(r >> 8) % ARRAY_SIZE(pool_names)]);
	netdev_ref_replace(h->dev, ndev, &h->tracker, GFP_ATOMIC);
	rcu_read_unlock();
	atomic_inc(&S.replaced);
	if (ndev) {
		h->dev = ndev;
		check_held_dev(ndev, r);
	} else {
		held[i] = held[--*nr];
	}
}

static int holder_thread(void *arg)
{
	u32 seed = (u32)(unsigned long)arg;
	struct held held[MAX_HELD];
	int nr = 0;

	while (!stopping()) {
		u32 r = xorshift(&seed);
		unsigned int i;

		if (nr == MAX_HELD || (nr && r % 3 == 0)) {
			i = (r >> 16) % nr;
			if (held[i].tracked && (r & 0x30) == 0 && net_eq(dev_net(held[i].dev),
									 &init_net))
				holder_replace(held, &nr, i, r);
			else
				holder_drop(held, &nr, i, r);
		} else if (holder_take(&held[nr], r)) {
			nr++;
		}
		hold_delay(r >> 20);
	}
	while (nr)
		holder_drop(held, &nr, 0, 0);
	return 0;
}

/* ===== RTNL users: open/close/MTU/carrier, and a held reference taken under RTNL ============== */

static void admin_op(struct net_device *dev, u32 r)
{
	int err = 0;

	switch ((r >> 4) & 7) {
	case 0:
	case 1:
		err = dev_open(dev, NULL);
		break;
	case 2:
		dev_close(dev);
		break;
	case 3:
	case 4:
		err = dev_set_mtu(dev, SDEV_MIN_MTU + (r >> 8) % (SDEV_MAX_MTU - SDEV_MIN_MTU + 1));
		break;
	case 5: {
		/*
		 * Out of range: refused, and the MTU stays within range for the readers. With an
		 * extack, so that nothing is logged: dev_set_mtu()'s ratelimited message would use
		 * up its budget for the suites that follow.
		 */
		struct netlink_ext_ack extack = {};

		if (dev_set_mtu_ext(dev, SDEV_MAX_MTU + 1 + (r >> 8) % 100, &extack) != -EINVAL ||
		    !extack._msg)
			bad(BAD_ADMIN);
		break;
	}
	case 6:
		if (netif_running(dev)) {
			if (r & 0x100)
				netif_carrier_off(dev);
			else
				netif_carrier_on(dev);
		}
		break;
	default:
		err = dev_change_flags(dev, dev->flags ^ IFF_UP, NULL);
		break;
	}
	if (err)
		bad(BAD_ADMIN);
	atomic_inc(&S.admin_ops);
}

static int admin_thread(void *arg)
{
	u32 seed = (u32)(unsigned long)arg;

	while (!stopping()) {
		u32 r = xorshift(&seed);
		const char *name = pool_names[(r >> 12) % ARRAY_SIZE(pool_names)];
		struct net *net = &init_net;
		struct net_device *dev;

		if (S.use_ns && (r & 1)) {
			rcu_read_lock();
			net = rcu_dereference(S.ns_slot[(r >> 1) % NS_SLOTS]);
			if (net && !maybe_get_net(net))
				net = NULL;
			rcu_read_unlock();
			if (!net)
				continue;
		}

		if (r & 2) {
			/* Found under RTNL: registered for as long as we hold it. */
			rtnl_lock();
			dev = __dev_get_by_name(net, name);
			if (dev && is_sdev(dev))
				admin_op(dev, r);
			rtnl_unlock();
		} else {
			/* Held first, then RTNL: it may have been unregistered meanwhile. */
			dev = dev_get_by_name(net, name);
			if (dev) {
				rtnl_lock();
				if (netif_is_registered(dev) && is_sdev(dev))
					admin_op(dev, r);
				rtnl_unlock();
				dev_put(dev);
			}
		}
		if (net != &init_net)
			put_net(net);
		usleep_range(20, 150);
	}
	return 0;
}

/* ===== /sys/class/net readers: each read holds the device ==================================== */

static int sysfs_thread(void *arg)
{
	static const char * const files[] = { "mtu", "ifindex", "operstate", "carrier",
					      "statistics/rx_packets", "flags",
	};
	u32 seed = (u32)(unsigned long)arg;
	char path[96], buf[64];

	while (!stopping()) {
		u32 r = xorshift(&seed);
		const char *file = files[(r >> 4) % ARRAY_SIZE(files)];
		ssize_t n;

		snprintf(path, sizeof(path), "/sys/class/net/%s/%s",
			 pool_names[(r >> 8) % ARRAY_SIZE(pool_names)], file);
		n = krt_proc_read(path, buf, sizeof(buf) - 1);
		if (n > 0) {
			buf[n] = '\0';
			if (!strcmp(file, "mtu")) {
				unsigned long mtu = simple_strtoul(buf, NULL, 10);

				if (mtu < SDEV_MIN_MTU || mtu > SDEV_MAX_MTU)
					bad(BAD_SYSFS);
			}
			atomic_inc(&S.sysfs_reads);
		} else if (n != -ENOENT && n != -EINVAL && n != -ENODEV) {
			/* Gone, going away, or down (carrier): anything else is wrong. */
			bad(BAD_SYSFS);
		}
		if ((r & 15) == 0)
			usleep_range(10, 100);
	}
	return 0;
}

/* ===== The cases ============================================================================= */

static long live_at_start;

static int netdev_stress_init(struct kunit *test)
{
	int i;

	memset(&S, 0, sizeof(S));
	S.recs = kvcalloc(MAX_IDS, sizeof(*S.recs), GFP_KERNEL);
	if (!S.recs)
		return -ENOMEM;
	for (i = 0; i < PUB_SLOTS; i++)
		atomic_set(&S.pub_ifindex[i], 1);
	live_at_start = atomic_long_read(&netdev_live_count);
	krt_printk_capture_begin(false);
	return register_netdevice_notifier(&veto_nb);
}

static void netdev_stress_exit(struct kunit *test)
{
	unregister_netdevice_notifier(&veto_nb);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("WARNING:"), 0U);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("BUG:"), 0U);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("refcount_t:"), 0U);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("ref_tracker:"), 0U);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("unregister_netdevice: waiting"), 0U);
	if (krt_printk_capture_count("WARNING:") || krt_printk_capture_count("BUG:"))
		kunit_err(test, "captured:\n%.4000s\n", krt_printk_capture_text());
	krt_printk_capture_end();
	kvfree(S.recs);
	S.recs = NULL;
}

/* Every device: ndo_init succeeded <=> exactly one ndo_uninit and one priv_destructor. */
static void check_records(struct kunit *test)
{
	int n = min(atomic_read(&S.next_id), MAX_IDS), id, wrong = 0, inited = 0, i;

	for (id = 0; id < n; id++) {
		struct id_rec *rec = &S.recs[id];
		int init = atomic_read(&rec->init_ok), uninit = atomic_read(&rec->uninit);
		int destructed = atomic_read(&rec->destructed);

		inited += init;
		if (init > 1 || uninit != init || destructed != init) {
			if (wrong++ < 5)
				kunit_err(test, "device %d: ndo_init %d, ndo_uninit %d, "
					  "destructor %d\n", id, init, uninit, destructed);
		}
	}
	KUNIT_EXPECT_EQ(test, wrong, 0);
	for (i = 0; i < NR_BAD; i++) {
		if (atomic_read(&S.bad[i]))
			kunit_err(test, "%s: %d times\n", bad_names[i], atomic_read(&S.bad[i]));
		KUNIT_EXPECT_EQ_MSG(test, atomic_read(&S.bad[i]), 0, "%s", bad_names[i]);
	}
	/* Every device allocated was freed exactly once (a second free is ASan's to report). */
	KUNIT_EXPECT_EQ(test, atomic_long_read(&netdev_live_count), live_at_start);
	kunit_info(test, "%d devices: %d registered (%d initialised), %d failed (%d name "
		   "collisions), %d unregistered by us in %d batches\n", n,
		   atomic_read(&S.registered), inited, atomic_read(&S.reg_failed),
		   atomic_read(&S.collisions), atomic_read(&S.unregistered),
		   atomic_read(&S.batches));
	kunit_info(test, "%d RCU hits, %d holds (%d tracked, %d replaced, %d released after "
		   "unregistration), %d admin ops, %d sysfs reads, %d notifier cycles, "
		   "%d namespaces\n",
		   atomic_read(&S.rcu_hits), atomic_read(&S.holds), atomic_read(&S.tracked_holds),
		   atomic_read(&S.replaced), atomic_read(&S.held_across), atomic_read(&S.admin_ops),
		   atomic_read(&S.sysfs_reads),
		   atomic_read(&S.notifier_cycles), atomic_read(&S.ns_created));
}

struct stress_thread {
	int (*fn)(void *arg);
	void *arg;
	const char *name;
};

static void run_threads(struct kunit *test, const struct stress_thread *spec, int nr)
{
	struct task_struct *t[16];
	int i, started = 0;

	for (i = 0; i < nr && i < ARRAY_SIZE(t); i++) {
		t[i] = krt_thread_create(spec[i].fn, spec[i].arg, spec[i].name);
		KUNIT_EXPECT_FALSE(test, IS_ERR(t[i]));
		if (IS_ERR(t[i]))
			break;
		started++;
	}
	if (started == nr)
		msleep(STRESS_MS);
	WRITE_ONCE(S.stop, true);
	for (i = 0; i < started; i++)
		KUNIT_EXPECT_EQ(test, krt_thread_join(t[i]), 0);
	net_ns_barrier();
	rcu_barrier();
}

/* init_net: two registrars racing for the same names, readers, holders, RTNL users. */
static void netdev_stress_register_lookup_hold(struct kunit *test)
{
	struct registrar rg[2] = {
		{ .seed = 0x12345678, .net = &init_net },
		{ .seed = 0x9abcdef1, .net = &init_net },
	};
	const struct stress_thread spec[] = {
		{ registrar_thread, &rg[0], "nst-reg0" },
		{ registrar_thread, &rg[1], "nst-reg1" },
		{ lookup_thread, (void *)0x1111u, "nst-lookup0" },
		{ lookup_thread, (void *)0x2222u, "nst-lookup1" },
		{ holder_thread, (void *)0x3333u, "nst-hold0" },
		{ holder_thread, (void *)0x4444u, "nst-hold1" },
		{ notifier_thread, NULL, "nst-notifier" },
		{ admin_thread, (void *)0x5555u, "nst-admin" },
		{ sysfs_thread, (void *)0x6666u, "nst-sysfs" },
	};

	run_threads(test, spec, ARRAY_SIZE(spec));
	check_records(test);
	KUNIT_EXPECT_GT(test, atomic_read(&S.registered), MIN_REGISTERED);
	KUNIT_EXPECT_GT(test, atomic_read(&S.held_across), 0);
	KUNIT_EXPECT_GT(test, atomic_read(&S.rcu_hits), 0);
	KUNIT_EXPECT_GT(test, atomic_read(&S.holds), 0);
	KUNIT_EXPECT_GT(test, atomic_read(&S.notifier_cycles), 0);
}

/* Namespaces born and destroyed with devices in them, while everything else goes on. */
static void netdev_stress_namespaces(struct kunit *test)
{
	struct registrar rg[3] = {
		{ .seed = 0x0badf00d },		/* slot 1 */
		{ .seed = 0x0defaced },		/* slot 0 */
		{ .seed = 0x7e57ab1e, .net = &init_net },
	};
	const struct stress_thread spec[] = {
		{ cycler_thread, &rg[0], "nst-ns0" },
		{ cycler_thread, &rg[1], "nst-ns1" },
		{ registrar_thread, &rg[2], "nst-reg" },
		{ lookup_thread, (void *)0x1357u, "nst-lookup" },
		{ holder_thread, (void *)0x2468u, "nst-hold0" },
		{ holder_thread, (void *)0x369cu, "nst-hold1" },
		{ notifier_thread, NULL, "nst-notifier" },
		{ admin_thread, (void *)0x48c0u, "nst-admin" },
	};

	S.use_ns = true;
	run_threads(test, spec, ARRAY_SIZE(spec));
	KUNIT_EXPECT_EQ(test, krt_net_count(), 0);
	check_records(test);
	KUNIT_EXPECT_GT(test, atomic_read(&S.ns_created), 4);
	KUNIT_EXPECT_GT(test, atomic_read(&S.registered), MIN_REGISTERED);
	KUNIT_EXPECT_GT(test, atomic_read(&S.held_across), 0);
}

static struct kunit_case netdev_stress_cases[] = {
	KUNIT_CASE_SLOW(netdev_stress_register_lookup_hold),
	KUNIT_CASE_SLOW(netdev_stress_namespaces),
	{}
};

static struct kunit_suite netdev_stress_suite = {
	.name = "netdev_stress",
	.init = netdev_stress_init,
	.exit = netdev_stress_exit,
	.test_cases = netdev_stress_cases,
};
kunit_test_suite(netdev_stress_suite);
