package online.niso.common.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Host label selector: comma-separated terms, all of which must hold: "role=web,region!=us".
 * {@code key!=value} also matches hosts without the label.
 */
public record LabelSelector(List<Term> terms) {
    private static final Pattern TERM = Pattern.compile("([A-Za-z0-9][A-Za-z0-9._/-]*)(!=|=)([A-Za-z0-9][A-Za-z0-9._-]*)");

    public record Term(String key, boolean equal, String value) {
        boolean matches(Map<String, String> labels) {
            return equal == value.equals(labels.get(key));
        }

        @Override
        public String toString() {
            return key + (equal ? "=" : "!=") + value;
        }
    }

    public LabelSelector {
        terms = List.copyOf(terms);
        if (terms.isEmpty()) {
            throw new InvalidValueException("a selector needs at least one term");
        }
    }

    public static LabelSelector parse(String text) {
        List<Term> terms = new ArrayList<>();
        for (String t : text.split(",", -1)) {
            Matcher m = TERM.matcher(t.strip());
            if (!m.matches()) {
                throw InvalidValueException.expected("a label selector like role=web or role=web,region!=us", text);
            }
            terms.add(new Term(m.group(1), m.group(2).equals("="), m.group(3)));
        }
        return new LabelSelector(terms);
    }

    public boolean matches(Map<String, String> labels) {
        return terms.stream().allMatch(t -> t.matches(labels));
    }

    @Override
    public String toString() {
        return String.join(",", terms.stream().map(Term::toString).toList());
    }
}
