#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Generates include/linux/atomic/atomic-gen.h: the kernel's atomic_t, atomic64_t and
atomic_long_t operation families on top of the compiler's __atomic builtins.

Kernel ordering rules: plain RMW ops without a return value are relaxed; value-returning ops
without a suffix are fully ordered; _acquire/_release/_relaxed as named."""
import sys

ORDERS = [("", "__ATOMIC_SEQ_CST"), ("_acquire", "__ATOMIC_ACQUIRE"),
          ("_release", "__ATOMIC_RELEASE"), ("_relaxed", "__ATOMIC_RELAXED")]
FAIL = {"__ATOMIC_SEQ_CST": "__ATOMIC_SEQ_CST", "__ATOMIC_ACQUIRE": "__ATOMIC_ACQUIRE",
        "__ATOMIC_RELEASE": "__ATOMIC_RELAXED", "__ATOMIC_RELAXED": "__ATOMIC_RELAXED"}
FAMILIES = [("atomic", "atomic_t", "int"), ("atomic64", "atomic64_t", "s64"),
            ("atomic_long", "atomic_long_t", "long")]

out = []
w = out.append

def fn(ret, name, args, body):
    w(f"static __always_inline {ret}\n{name}({args})\n{{\n{body}}}\n")

for pfx, ty, it in FAMILIES:
    v = f"{ty} *v"
    cnt = "(v)->counter" if it != "long" else "(*(long *)&(v)->counter)"
    w(f"/* ---- {ty} ---- */\n")
    fn(it, f"{pfx}_read", f"const {ty} *v", f"\treturn __atomic_load_n(&{cnt}, __ATOMIC_RELAXED);\n")
    fn(it, f"{pfx}_read_acquire", f"const {ty} *v",
       f"\treturn __atomic_load_n(&{cnt}, __ATOMIC_ACQUIRE);\n")
    fn("void", f"{pfx}_set", f"{v}, {it} i", f"\t__atomic_store_n(&{cnt}, i, __ATOMIC_RELAXED);\n")
    fn("void", f"{pfx}_set_release", f"{v}, {it} i",
       f"\t__atomic_store_n(&{cnt}, i, __ATOMIC_RELEASE);\n")
    for op in ["add", "sub", "and", "or", "xor"]:
        fn("void", f"{pfx}_{op}", f"{it} i, {v}",
           f"\t(void)__atomic_fetch_{op}(&{cnt}, i, __ATOMIC_RELAXED);\n")
    fn("void", f"{pfx}_andnot", f"{it} i, {v}",
       f"\t(void)__atomic_fetch_and(&{cnt}, ~i, __ATOMIC_RELAXED);\n")
    fn("void", f"{pfx}_inc", v, f"\t(void)__atomic_fetch_add(&{cnt}, 1, __ATOMIC_RELAXED);\n")
    fn("void", f"{pfx}_dec", v, f"\t(void)__atomic_fetch_sub(&{cnt}, 1, __ATOMIC_RELAXED);\n")
    for sfx, mo in ORDERS:
        for op in ["add", "sub"]:
            fn(it, f"{pfx}_{op}_return{sfx}", f"{it} i, {v}",
               f"\treturn __atomic_{op}_fetch(&{cnt}, i, {mo});\n")
        fn(it, f"{pfx}_inc_return{sfx}", v, f"\treturn __atomic_add_fetch(&{cnt}, 1, {mo});\n")
        fn(it, f"{pfx}_dec_return{sfx}", v, f"\treturn __atomic_sub_fetch(&{cnt}, 1, {mo});\n")
        for op in ["add", "sub", "and", "or", "xor"]:
            fn(it, f"{pfx}_fetch_{op}{sfx}", f"{it} i, {v}",
               f"\treturn __atomic_fetch_{op}(&{cnt}, i, {mo});\n")
        fn(it, f"{pfx}_fetch_andnot{sfx}", f"{it} i, {v}",
           f"\treturn __atomic_fetch_and(&{cnt}, ~i, {mo});\n")
        fn(it, f"{pfx}_fetch_inc{sfx}", v, f"\treturn __atomic_fetch_add(&{cnt}, 1, {mo});\n")
        fn(it, f"{pfx}_fetch_dec{sfx}", v, f"\treturn __atomic_fetch_sub(&{cnt}, 1, {mo});\n")
        fn(it, f"{pfx}_xchg{sfx}", f"{v}, {it} new",
           f"\treturn __atomic_exchange_n(&{cnt}, new, {mo});\n")
        fn(it, f"{pfx}_cmpxchg{sfx}", f"{v}, {it} old, {it} new",
           f"\t__atomic_compare_exchange_n(&{cnt}, &old, new, false, {mo}, {FAIL[mo]});\n"
           "\treturn old;\n")
        fn("bool", f"{pfx}_try_cmpxchg{sfx}", f"{v}, {it} *old, {it} new",
           f"\treturn __atomic_compare_exchange_n(&{cnt}, old, new, false, {mo}, {FAIL[mo]});\n")
        fn("bool", f"{pfx}_add_negative{sfx}", f"{it} i, {v}",
           f"\treturn __atomic_add_fetch(&{cnt}, i, {mo}) < 0;\n")
    fn("bool", f"{pfx}_sub_and_test", f"{it} i, {v}",
       f"\treturn __atomic_sub_fetch(&{cnt}, i, __ATOMIC_SEQ_CST) == 0;\n")
    fn("bool", f"{pfx}_dec_and_test", v,
       f"\treturn __atomic_sub_fetch(&{cnt}, 1, __ATOMIC_SEQ_CST) == 0;\n")
    fn("bool", f"{pfx}_inc_and_test", v,
       f"\treturn __atomic_add_fetch(&{cnt}, 1, __ATOMIC_SEQ_CST) == 0;\n")
    fn(it, f"{pfx}_fetch_add_unless", f"{v}, {it} a, {it} u",
       f"\t{it} c = {pfx}_read(v);\n\n\tdo {{\n\t\tif (unlikely(c == u))\n\t\t\tbreak;\n"
       f"\t}} while (!{pfx}_try_cmpxchg(v, &c, c + a));\n\treturn c;\n")
    fn("bool", f"{pfx}_add_unless", f"{v}, {it} a, {it} u",
       f"\treturn {pfx}_fetch_add_unless(v, a, u) != u;\n")
    fn("bool", f"{pfx}_inc_not_zero", v, f"\treturn {pfx}_add_unless(v, 1, 0);\n")
    fn("bool", f"{pfx}_inc_unless_negative", v,
       f"\t{it} c = {pfx}_read(v);\n\n\tdo {{\n\t\tif (unlikely(c < 0))\n\t\t\treturn false;\n"
       f"\t}} while (!{pfx}_try_cmpxchg(v, &c, c + 1));\n\treturn true;\n")
    fn("bool", f"{pfx}_dec_unless_positive", v,
       f"\t{it} c = {pfx}_read(v);\n\n\tdo {{\n\t\tif (unlikely(c > 0))\n\t\t\treturn false;\n"
       f"\t}} while (!{pfx}_try_cmpxchg(v, &c, c - 1));\n\treturn true;\n")
    fn(it, f"{pfx}_dec_if_positive", v,
       f"\t{it} dec, c = {pfx}_read(v);\n\n\tdo {{\n\t\tdec = c - 1;\n"
       f"\t\tif (unlikely(dec < 0))\n\t\t\tbreak;\n"
       f"\t}} while (!{pfx}_try_cmpxchg(v, &c, dec));\n\treturn dec;\n")

hdr = ("/* SPDX-License-Identifier: MIT */\n"
       "/* Generated by scripts/gen-atomic.py; do not edit. */\n"
       "#ifndef _LINUX_ATOMIC_GEN_H\n#define _LINUX_ATOMIC_GEN_H\n\n")
sys.stdout.write(hdr + "\n".join(out) + "\n#endif /* _LINUX_ATOMIC_GEN_H */\n")
