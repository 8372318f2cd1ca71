import PokdocKit
print("pokdoc")
