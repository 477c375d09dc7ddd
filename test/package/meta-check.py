#!/usr/bin/env python3
"""test/package/meta-check.py -- META.json against the PGXN Meta Spec v1.

Validates META.json with python3-jsonschema against the spec's JSON schema
(test/package/pgxn-meta-v1/distribution.schema.json and the schemas it
refers to), then checks that it describes this checkout: its version and
the extension's are kc_ext.control's default_version as semver (1.2 ->
1.2.0), the provided file is that version's install script and exists,
the abstract is the control file's comment.  Prints "ok: ..." or
"FAIL: ..." per check and ends with "N passed, M failed".
"""
import json
import os
import re
import sys
import warnings

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SCHEMAS = os.path.join(ROOT, "test", "package", "pgxn-meta-v1")
counts = [0, 0]


def check(ok, what):
    counts[0 if ok else 1] += 1
    print(("ok: " if ok else "FAIL: ") + what)


def control(key):
    with open(os.path.join(ROOT, "kc_ext.control"), encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^\s*%s\s*=\s*'([^']*)'" % key, line)
            if m:
                return m.group(1)
    return None


def validator():
    import jsonschema
    store = {}
    for name in os.listdir(SCHEMAS):
        if name.endswith(".schema.json"):
            with open(os.path.join(SCHEMAS, name), encoding="utf-8") as f:
                s = json.load(f)
            store[s["$id"]] = s
    top = store["https://pgxn.org/meta/v1/distribution.schema.json"]
    try:  # jsonschema >= 4.18 (the referencing library)
        from referencing import Registry, Resource
        registry = Registry().with_resources(
            (uri, Resource.from_contents(s)) for uri, s in store.items())
        return jsonschema.Draft202012Validator(top, registry=registry)
    except ImportError:  # Debian 12's 4.10
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            resolver = jsonschema.RefResolver(top["$id"], top, store=store)
        return jsonschema.Draft202012Validator(top, resolver=resolver)


def main():
    path = os.path.join(ROOT, "META.json")
    try:
        with open(path, encoding="utf-8") as f:
            meta = json.load(f)
    except (OSError, ValueError) as e:
        check(False, "META.json is readable JSON: %s" % e)
        return
    check(True, "META.json is JSON")

    # the validation itself sees a broken document (a guard against a
    # schema set that accepts anything)
    broken = dict(meta, version="1.2", license="none")
    broken.pop("provides", None)
    n = len(list(validator().iter_errors(broken)))
    check(n >= 3, "the schema refuses a version 1.2, a license 'none' and no provides (%d errors)" % n)

    errors = sorted(validator().iter_errors(meta), key=lambda e: list(e.absolute_path))
    check(not errors, "META.json is valid against the PGXN Meta Spec v1 schema (distribution.schema.json)"
          + "".join("\n    %s: %s" % ("/".join(map(str, e.absolute_path)) or "(top)", e.message) for e in errors))

    default = control("default_version")
    semver = default + ".0" if default and re.fullmatch(r"\d+\.\d+", default) else default
    check(meta.get("version") == semver,
          "version %s is default_version %s as semver" % (meta.get("version"), default))
    ext = meta.get("provides", {}).get("kc_ext", {})
    check(ext.get("version") == semver, "provides.kc_ext.version %s is %s" % (ext.get("version"), semver))
    want = "sql/kc_ext--%s.sql" % default
    check(ext.get("file") == want and os.path.isfile(os.path.join(ROOT, want)),
          "provides.kc_ext.file %s is %s, which exists" % (ext.get("file"), want))
    check(meta.get("abstract") == control("comment"),
          "abstract is kc_ext.control's comment")


main()
print("%d passed, %d failed" % tuple(counts))
sys.exit(1 if counts[1] else 0)
