/* profiles/default.json inside launch, NUL-terminated: the default
 * profile has one source, the file, and needs no file at run time. */
	.section .rodata
	.global profile_default_json
	.type profile_default_json, @object
profile_default_json:
	.incbin "profiles/default.json"
	.byte 0
	.size profile_default_json, . - profile_default_json
	.section .note.GNU-stack, "", @progbits
