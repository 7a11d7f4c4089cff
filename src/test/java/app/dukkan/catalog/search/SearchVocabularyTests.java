package app.dukkan.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchVocabularyTests {

    @Test
    void distanceCountsEachKindOfTypoOnce() {
        assertThat(SearchVocabulary.distance("bookshelf", "bookshelf")).isZero();
        assertThat(SearchVocabulary.distance("bookshelf", "bokshelf")).isEqualTo(1);
        assertThat(SearchVocabulary.distance("bookshelf", "bookxshelf")).isEqualTo(1);
        assertThat(SearchVocabulary.distance("bookshelf", "bookshalf")).isEqualTo(1);
        assertThat(SearchVocabulary.distance("bookshelf", "boookshelf")).isEqualTo(1);
        assertThat(SearchVocabulary.distance("bookshelf", "bookhself")).isEqualTo(1);
        // a swap with a letter inserted between its letters: two typos
        assertThat(SearchVocabulary.distance("bookshelf", "bookseyhlf")).isEqualTo(2);
        assertThat(SearchVocabulary.distance("kaffeemühle", "kafeemühel")).isEqualTo(2);
        assertThat(SearchVocabulary.distance("glas", "glsa")).isEqualTo(1);
        assertThat(SearchVocabulary.distance("linen", "lnein")).isEqualTo(2);
        assertThat(SearchVocabulary.distance("", "abc")).isEqualTo(3);
    }

    @Test
    void typosAreForgivenByTheLengthOfTheCatalogsWord() {
        assertThat(SearchVocabulary.typosAllowed(4)).isZero();
        assertThat(SearchVocabulary.typosAllowed(5)).isEqualTo(1);
        assertThat(SearchVocabulary.typosAllowed(8)).isEqualTo(1);
        assertThat(SearchVocabulary.typosAllowed(9)).isEqualTo(2);
    }

    @Test
    void variantsAreTheWordAndItsDeletions() {
        assertThat(SearchVocabulary.variants("glas", 0)).isEmpty();
        assertThat(SearchVocabulary.variants("glas", 1)).containsExactlyInAnyOrder("glas", "las", "gas", "gls", "gla");
        assertThat(SearchVocabulary.variants("größe", 1)).contains("grße", "göße");
        assertThat(SearchVocabulary.variants("abcdefghi", 2)).hasSize(1 + 9 + 36);
    }
}
