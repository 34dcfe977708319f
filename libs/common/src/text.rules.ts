/**
 * Characters no text of the API may hold: C0 controls but tab, line feed and carriage return
 * (ESC starts terminal escapes in logs and CSV viewers, BEL rings), DEL and the C1 controls, and the
 * bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which make a
 * title or a name display as something other than what it is ("Trojan Source"). The bidi marks
 * (U+200E, U+200F, U+061C) stay allowed: right-to-left text needs them and they reorder nothing.
 * U+0000 is refused with its own message (PostgreSQL cannot store it at all).
 */
export const FORBIDDEN_CHARACTER = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
