package com.agilex.listings.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * A generator of values from a seeded random source: the few combinators the fuzzing suite needs,
 * so that a run is repeatable from its seed alone.
 */
@FunctionalInterface
interface Gen<T> {

    T next(RandomGenerator random);

    /** A generator and how often it is chosen against the others of a {@link #weighted} choice. */
    record Weighted<T>(int weight, Gen<? extends T> gen) {
    }

    default <R> Gen<R> map(Function<? super T, ? extends R> mapper) {
        return random -> mapper.apply(next(random));
    }

    default <R> Gen<R> flatMap(Function<? super T, Gen<? extends R>> mapper) {
        return random -> mapper.apply(next(random)).next(random);
    }

    /** Null one time in {@code 1 / probability}. */
    default Gen<T> orNull(double probability) {
        return random -> random.nextDouble() < probability ? null : next(random);
    }

    default Gen<List<T>> list(int min, int max) {
        return random -> {
            int size = random.nextInt(min, max + 1);
            var items = new ArrayList<T>(size);
            for (int i = 0; i < size; i++) {
                items.add(next(random));
            }
            return items;
        };
    }

    static <T> Gen<T> just(T value) {
        return random -> value;
    }

    @SafeVarargs
    static <T> Gen<T> of(T... values) {
        return of(Arrays.asList(values));
    }

    static <T> Gen<T> of(List<T> values) {
        return random -> values.get(random.nextInt(values.size()));
    }

    static <T> Weighted<T> weight(int weight, Gen<? extends T> gen) {
        return new Weighted<>(weight, gen);
    }

    @SafeVarargs
    static <T> Gen<T> weighted(Weighted<T>... choices) {
        int total = Arrays.stream(choices).mapToInt(Weighted::weight).sum();
        return random -> {
            int pick = random.nextInt(total);
            for (Weighted<T> choice : choices) {
                pick -= choice.weight();
                if (pick < 0) {
                    return choice.gen().next(random);
                }
            }
            throw new IllegalStateException("unreachable");
        };
    }

    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        return random -> gens[random.nextInt(gens.length)].next(random);
    }

    static Gen<Integer> ints(int min, int max) {
        return random -> random.nextInt(min, max + 1);
    }

    static Gen<Long> longs() {
        return RandomGenerator::nextLong;
    }

    /** A string of {@code min} to {@code max} characters, each from {@code chars}. */
    static Gen<String> string(Gen<Character> chars, int min, int max) {
        return random -> {
            int length = random.nextInt(min, max + 1);
            var text = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                text.append(chars.next(random).charValue());
            }
            return text.toString();
        };
    }

    static Gen<Character> charRange(char first, char last) {
        return random -> (char) random.nextInt(first, last + 1);
    }

    static Gen<Character> chars(String from) {
        return random -> from.charAt(random.nextInt(from.length()));
    }

    static <A, B, R> Gen<R> combine(Gen<A> a, Gen<B> b, BiFunction<? super A, ? super B, ? extends R> as) {
        return random -> as.apply(a.next(random), b.next(random));
    }

    /** Each generator once, in order. */
    static <T> Gen<List<T>> all(List<Gen<? extends T>> gens) {
        return random -> {
            var values = new ArrayList<T>(gens.size());
            gens.forEach(gen -> values.add(gen.next(random)));
            return values;
        };
    }
}
