"""Builds the cotscan Python module over libcotscan.a from this checkout.

    /usr/bin/python3 -m venv --system-site-packages ~/venv
    ~/venv/bin/pip install --no-build-isolation ./python

Needs what `make` needs (see setup.sh) and python3-dev; runs
`make build/libcotscan.a` in the checkout first.
"""
import os
import shlex
import subprocess

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
LIBA = os.path.join(ROOT, "build", "libcotscan.a")


def pkg_libs():
    try:
        out = subprocess.run(["pkg-config", "--libs", "libcjson", "libpcre2-8", "libhs"],
                             check=True, capture_output=True, text=True).stdout
        return shlex.split(out)
    except (OSError, subprocess.CalledProcessError):
        return ["-lcjson", "-lpcre2-8", "-lhs"]


class BuildWithLibrary(build_ext):
    def run(self):
        subprocess.run(["make", "-C", ROOT, "build/libcotscan.a"], check=True)
        super().run()


setup(
    name="cotscan",
    version="0.1.0",
    description="Tag backtracking, verification, subgoal setting and backward chaining in chains of thought",
    license="MIT",
    packages=["cotscan"],
    ext_modules=[Extension(
        "cotscan._cotscan",
        sources=["cotscan/_cotscan.c"],
        include_dirs=[os.path.join(ROOT, "include")],
        extra_compile_args=["-std=c11"],
        extra_objects=[LIBA],
        extra_link_args=pkg_libs() + ["-lm", "-lpthread", "-Wl,--exclude-libs,ALL"],
    )],
    cmdclass={"build_ext": BuildWithLibrary},
)
