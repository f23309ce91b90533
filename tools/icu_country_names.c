/* icu_country_names.c - print the Arabic (CLDR) name of each country code.
 *
 * Reads ISO 3166-1 alpha-2 codes, one per line, on stdin and prints
 * "CODE<TAB>Arabic name" for each, in input order.  Used by
 * tools/gen_lexicon.py to build ontology/lexicon/countries.ttl.
 * A code ICU does not know is printed with an empty name.
 *
 * Build: gcc -O2 -o icu_country_names tools/icu_country_names.c \
 *            $(pkg-config --cflags --libs icu-uc icu-i18n)
 */
#include <stdio.h>
#include <string.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

int main(void)
{
    char line[64];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (!line[0])
            continue;
        char locale[80];
        snprintf(locale, sizeof locale, "und_%s", line);
        UChar name[256];
        UErrorCode err = U_ZERO_ERROR;
        int32_t n = uloc_getDisplayCountry(locale, "ar", name, 256, &err);
        char utf8[1024] = "";
        if (U_SUCCESS(err) && n > 0) {
            UErrorCode err2 = U_ZERO_ERROR;
            u_strToUTF8(utf8, sizeof utf8, NULL, name, n, &err2);
            if (U_FAILURE(err2))
                utf8[0] = '\0';
            /* ICU echoes the code itself when it has no name for it */
            if (strcmp(utf8, line) == 0)
                utf8[0] = '\0';
        }
        printf("%s\t%s\n", line, utf8);
    }
    return 0;
}
