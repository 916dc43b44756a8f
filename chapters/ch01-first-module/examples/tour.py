"""A short tour of chapter 1's package. The book shows this script's output."""

from ch01_first_module import Message, count_words

# ANCHOR: tour
print(count_words("Rust and Python, side by side"))
message = Message("hello from rust")
print(message)
print(message.shout())
print(Message.greet("Ferris"))
Message("").shout()
# ANCHOR_END: tour
