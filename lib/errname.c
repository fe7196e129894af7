// SPDX-License-Identifier: MIT
/*
 * errname(): the symbolic name of an errno value, for %pe. The set of names is the kernel's
 * table: the host's errno values plus the kernel-internal ones from 512 up. Aliases
 * (EWOULDBLOCK, EDEADLOCK, ENOTSUP) print as the name they share a number with.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/errname.h>

#define E(err) [err] = "-" #err
#define E512(err) [err - 512] = "-" #err

/* Numbers below 512 are the ones userspace knows. */
static const char *const names_low[] = {
	E(E2BIG),
	E(EACCES),
	E(EADDRINUSE),
	E(EADDRNOTAVAIL),
	E(EADV),
	E(EAFNOSUPPORT),
	E(EAGAIN),
	E(EALREADY),
	E(EBADE),
	E(EBADF),
	E(EBADFD),
	E(EBADMSG),
	E(EBADR),
	E(EBADRQC),
	E(EBADSLT),
	E(EBFONT),
	E(EBUSY),
	E(ECANCELED),
	E(ECHILD),
	E(ECHRNG),
	E(ECOMM),
	E(ECONNABORTED),
	E(ECONNREFUSED),
	E(ECONNRESET),
	E(EDEADLK),
	E(EDESTADDRREQ),
	E(EDOM),
	E(EDOTDOT),
	E(EDQUOT),
	E(EEXIST),
	E(EFAULT),
	E(EFBIG),
	E(EHOSTDOWN),
	E(EHOSTUNREACH),
	E(EHWPOISON),
	E(EIDRM),
	E(EILSEQ),
	E(EINPROGRESS),
	E(EINTR),
	E(EINVAL),
	E(EIO),
	E(EISCONN),
	E(EISDIR),
	E(EISNAM),
	E(EKEYEXPIRED),
	E(EKEYREJECTED),
	E(EKEYREVOKED),
	E(EL2HLT),
	E(EL2NSYNC),
	E(EL3HLT),
	E(EL3RST),
	E(ELIBACC),
	E(ELIBBAD),
	E(ELIBEXEC),
	E(ELIBMAX),
	E(ELIBSCN),
	E(ELNRNG),
	E(ELOOP),
	E(EMEDIUMTYPE),
	E(EMFILE),
	E(EMLINK),
	E(EMSGSIZE),
	E(EMULTIHOP),
	E(ENAMETOOLONG),
	E(ENAVAIL),
	E(ENETDOWN),
	E(ENETRESET),
	E(ENETUNREACH),
	E(ENFILE),
	E(ENOANO),
	E(ENOBUFS),
	E(ENOCSI),
	E(ENODATA),
	E(ENODEV),
	E(ENOENT),
	E(ENOEXEC),
	E(ENOKEY),
	E(ENOLCK),
	E(ENOLINK),
	E(ENOMEDIUM),
	E(ENOMEM),
	E(ENOMSG),
	E(ENONET),
	E(ENOPKG),
	E(ENOPROTOOPT),
	E(ENOSPC),
	E(ENOSR),
	E(ENOSTR),
	E(ENOSYS),
	E(ENOTBLK),
	E(ENOTCONN),
	E(ENOTDIR),
	E(ENOTEMPTY),
	E(ENOTNAM),
	E(ENOTRECOVERABLE),
	E(ENOTSOCK),
	E(ENOTTY),
	E(ENOTUNIQ),
	E(ENXIO),
	E(EOPNOTSUPP),
	E(EOVERFLOW),
	E(EOWNERDEAD),
	E(EPERM),
	E(EPFNOSUPPORT),
	E(EPIPE),
	E(EPROTO),
	E(EPROTONOSUPPORT),
	E(EPROTOTYPE),
	E(ERANGE),
	E(EREMCHG),
	E(EREMOTE),
	E(EREMOTEIO),
	E(ERESTART),
	E(ERFKILL),
	E(EROFS),
	E(ESHUTDOWN),
	E(ESOCKTNOSUPPORT),
	E(ESPIPE),
	E(ESRCH),
	E(ESRMNT),
	E(ESTALE),
	E(ESTRPIPE),
	E(ETIME),
	E(ETIMEDOUT),
	E(ETOOMANYREFS),
	E(ETXTBSY),
	E(EUCLEAN),
	E(EUNATCH),
	E(EUSERS),
	E(EXDEV),
	E(EXFULL),
};

/* The kernel-internal numbers, from 512. */
static const char *const names_512[] = {
	E512(ERESTARTSYS),
	E512(ERESTARTNOINTR),
	E512(ERESTARTNOHAND),
	E512(ENOIOCTLCMD),
	E512(ERESTART_RESTARTBLOCK),
	E512(EPROBE_DEFER),
	E512(EOPENSTALE),
	E512(ENOPARAM),
	E512(EBADHANDLE),
	E512(ENOTSYNC),
	E512(EBADCOOKIE),
	E512(ENOTSUPP),
	E512(ETOOSMALL),
	E512(ESERVERFAULT),
	E512(EBADTYPE),
	E512(EJUKEBOX),
	E512(EIOCBQUEUED),
	E512(ERECALLCONFLICT),
};
#undef E
#undef E512

static_assert(EAGAIN == EWOULDBLOCK);
static_assert(EDEADLK == EDEADLOCK);
static_assert(ARRAY_SIZE(names_low) < 512);

/**
 * errname - the name of an errno value
 * @err: an errno value, negative (-EIO) or positive (EIO)
 *
 * Return: "-EIO" for -EIO, "EIO" for EIO, NULL when the number has no name.
 */
const char *errname(int err)
{
	unsigned int e = err < 0 ? -(unsigned int)err : (unsigned int)err;
	const char *name = NULL;

	if (e < ARRAY_SIZE(names_low))
		name = names_low[e];
	else if (e >= 512 && e - 512 < ARRAY_SIZE(names_512))
		name = names_512[e - 512];
	if (!name)
		return NULL;
	return err > 0 ? name + 1 : name;
}
