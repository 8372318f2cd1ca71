/// PokdocKit: chapters, the bare-metal build, the QEMU runner, checks and grading.
public enum PokdocKit {}
