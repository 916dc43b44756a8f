"""A full traceback for a wrong argument type, as Python 3.11 and later print it.

(Not called traceback.py: a script's folder comes first on sys.path, and a file
of that name would hide the standard library's traceback module.)
"""

from ch02_add_extract import add

add(1, "two")
