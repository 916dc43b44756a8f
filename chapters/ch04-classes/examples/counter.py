"""A short tour of chapter 4's classes. The book shows this script's output."""

from ch04_classes import CharCounter, Counter, Position, Reset

# ANCHOR: tour
counter = Counter("a", 3, Reset.ON_SPACE)
print(counter)
print(counter.has_count("banana"), counter.has_count("a bad day"))
print(counter.find("one line\nand a banana"))
print(eval(repr(counter)) == counter)

counter.min_count = 2
counter.reset = Reset.ON_NEWLINE
print(counter, counter.reset == Reset.ON_NEWLINE)

seen = {Position(2, 9), Position(2, 9), Position(1, 4)}
print(sorted(seen))

print(CharCounter("a", 2, reset="space").count_lines(["banana", "a b a", "aardvark"]))

Counter("ab", 3)
# ANCHOR_END: tour
