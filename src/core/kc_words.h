/*
 * kc_words.h
 *		Canonical keys for the Vietnamese unit and currency words (see
 *		kc_words.c).  Internal to the core.
 */
#ifndef KC_WORDS_H
#define KC_WORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct kc_word
{
	const char *key;			/* canonical key, see kc_words.c */
	int			power;			/* power of ten the word scales by */
} kc_word;

/* Longest key kc_fold_words writes for input we are willing to read. */
#define KC_WORD_KEYSZ 64

/*
 * Fold `len` bytes of UTF-8 text into a canonical key.  Returns the key's
 * length, or -1 when the text holds something that is not a letter, mark
 * or space, is not valid UTF-8, or does not fit in keysz bytes.
 */
extern int	kc_fold_words(const char *s, size_t len, char *key, size_t keysz);

extern const kc_word *kc_scale_words(void);
extern const kc_word *kc_currency_words(void);
extern const kc_word *kc_match_word(const char *key, size_t *pos,
									const kc_word *words);

#endif							/* KC_WORDS_H */
