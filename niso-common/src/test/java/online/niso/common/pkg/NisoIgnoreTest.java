package online.niso.common.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** gitignore semantics, case by case (expected results checked against git's documentation). */
class NisoIgnoreTest {

    @ParameterizedTest(name = "[{0}] {1} dir={2} → {3}")
    @CsvSource(delimiter = '|', value = {
        // pattern            | path                 | dir   | ignored
        "*.log                | app.log              | false | true",
        "*.log                | logs/deep/app.log    | false | true",
        "*.log                | app.log.txt          | false | false",
        "*.log                | dir.log              | true  | true",
        "target/              | target               | true  | true",
        "target/              | target               | false | false",
        "target/              | sub/target           | true  | true",
        "/target              | target               | true  | true",
        "/target              | sub/target           | true  | false",
        "doc/frotz            | doc/frotz            | false | true",
        "doc/frotz            | a/doc/frotz          | false | false",
        "**/foo               | foo                  | false | true",
        "**/foo               | a/b/foo              | false | true",
        "**/foo/bar           | x/foo/bar            | false | true",
        "abc/**               | abc/x/y              | false | true",
        "abc/**               | abc                  | true  | false",
        "a/**/b               | a/b                  | false | true",
        "a/**/b               | a/x/y/b              | false | true",
        "a/**/b               | a/x/y/c              | false | false",
        "?.txt                | a.txt                | false | true",
        "?.txt                | ab.txt               | false | false",
        "?.txt                | /.txt                | false | false",
        "[abc].txt            | b.txt                | false | true",
        "[abc].txt            | d.txt                | false | false",
        "[!abc].txt           | d.txt                | false | true",
        "[a-c].txt            | b.txt                | false | true",
        "[a-c].txt            | z.txt                | false | false",
        "foo*                 | foobar               | false | true",
        "foo*                 | x/foobar             | false | true",
        "a/*.c                | a/x.c                | false | true",
        "a/*.c                | a/b/x.c              | false | false",
        "\\#hash              | #hash                | false | true",
        "\\!bang              | !bang                | false | true",
        "# comment            | # comment            | false | false",
        ".env                 | .env                 | false | true",
        ".env                 | config/.env          | false | true",
        "node_modules/        | node_modules         | true  | true",
        "*.[oa]               | x.o                  | false | true",
        "*.[oa]               | x.c                  | false | false",
        "[!-a]x               | -x                   | false | false",
        "[!-a]x               | bx                   | false | true",
        "[a-]x                | -x                   | false | true",
    })
    void singlePattern(String pattern, String path, boolean dir, boolean ignored) {
        assertThat(NisoIgnore.parse(pattern).isIgnored(path, dir)).isEqualTo(ignored);
    }

    @ParameterizedTest(name = "{0} dir={1} → {2}")
    @CsvSource(delimiter = '|', value = {
        "app.log      | false | true",
        "keep.log     | false | false",
        "build        | true  | true",
        "src/build    | true  | false",
        "secret.txt   | false | true",
        "notes.txt    | false | false",
        "trailing     | false | true",
    })
    void lastMatchWinsWithNegationAndComments(String path, boolean dir, boolean ignored) {
        String rules = String.join("\n",
                "# logs, except one",
                "*.log",
                "!keep.log",
                "",
                "/build/",
                "*.txt",
                "!notes.txt",
                "trailing   ",   // trailing spaces are trimmed
                "");
        assertThat(NisoIgnore.parse(rules).isIgnored(path, dir)).isEqualTo(ignored);
    }

    @org.junit.jupiter.api.Test
    void emptyRulesIgnoreNothing() {
        assertThat(NisoIgnore.parse("").isIgnored("anything", false)).isFalse();
        assertThat(NisoIgnore.EMPTY.isIgnored("a/b", true)).isFalse();
    }
}
