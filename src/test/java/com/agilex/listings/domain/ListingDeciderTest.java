package com.agilex.listings.domain;

import static com.agilex.listings.domain.ListingStatus.DRAFT;
import static com.agilex.listings.domain.ListingStatus.PUBLISHED;
import static com.agilex.listings.domain.ListingStatus.RESERVED;
import static com.agilex.listings.domain.ListingStatus.SOLD;
import static com.agilex.listings.domain.ListingStatus.WITHDRAWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.agilex.listings.domain.ListingCommand.ChangePrice;
import com.agilex.listings.domain.ListingCommand.CreateListing;
import com.agilex.listings.domain.ListingCommand.ExpireReservation;
import com.agilex.listings.domain.ListingCommand.MarkSold;
import com.agilex.listings.domain.ListingCommand.Publish;
import com.agilex.listings.domain.ListingCommand.ReleaseReservation;
import com.agilex.listings.domain.ListingCommand.Reserve;
import com.agilex.listings.domain.ListingCommand.UpdateDetails;
import com.agilex.listings.domain.ListingCommand.Withdraw;
import com.agilex.listings.domain.ListingEvent.ListingCreated;
import com.agilex.listings.domain.ListingEvent.ListingDetailsUpdated;
import com.agilex.listings.domain.ListingEvent.ListingPriceChanged;
import com.agilex.listings.domain.ListingEvent.ListingPublished;
import com.agilex.listings.domain.ListingEvent.ListingReservationExpired;
import com.agilex.listings.domain.ListingEvent.ListingReservationReleased;
import com.agilex.listings.domain.ListingEvent.ListingReserved;
import com.agilex.listings.domain.ListingEvent.ListingSold;
import com.agilex.listings.domain.ListingEvent.ListingWithdrawn;
import com.agilex.listings.domain.ListingRejection.Conflict;
import com.agilex.listings.domain.ListingRejection.IllegalTransition;
import com.agilex.listings.domain.ListingRejection.InvalidCommand;
import com.agilex.listings.domain.ListingRejection.NotFound;
import com.agilex.listings.domain.ListingRejection.NotPermitted;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The listing's rules as specifications: given these events, when this command, then these events. */
class ListingDeciderTest {

    static final String SELLER = "alice";
    static final String BUYER = "bob";
    static final String OTHER = "carol";
    static final Money EUR_350 = eur("350.00");
    static final ListingCreated CREATED = new ListingCreated(SELLER, "Road bike", "54 cm frame", "bikes", EUR_350);
    static final Instant HOLD_END = Instant.parse("2026-12-05T10:00:00Z");

    // ---- given / when / then --------------------------------------------------------------

    static Listing given(ListingEvent... history) {
        return Listing.INITIAL.evolveAll(List.of(history));
    }

    /** The shortest history that leaves a listing in {@code status}. */
    static Listing givenStatus(ListingStatus status) {
        return switch (status) {
            case DRAFT -> given(CREATED);
            case PUBLISHED -> given(CREATED, new ListingPublished());
            case RESERVED -> given(CREATED, new ListingPublished(), new ListingReserved(BUYER, HOLD_END));
            case SOLD -> given(CREATED, new ListingPublished(), new ListingSold(BUYER, EUR_350));
            case WITHDRAWN -> given(CREATED, new ListingWithdrawn(null, DRAFT));
        };
    }

    static List<ListingEvent> when(Listing state, ListingCommand command) {
        return ListingDecider.decide(command, state);
    }

    static Money eur(String amount) {
        return new Money(new BigDecimal(amount), Currency.getInstance("EUR"));
    }

    static PriceInput price(String amount, String currency) {
        return new PriceInput(amount == null ? null : new BigDecimal(amount), currency);
    }

    static CreateListing create(String title, String description, String category, PriceInput price) {
        return new CreateListing(SELLER, title, description, category, price);
    }

    static List<FieldError> errorsOf(Runnable decision) {
        var errors = new ArrayList<FieldError>();
        assertThatThrownBy(decision::run).isInstanceOfSatisfying(InvalidCommand.class, e -> errors.addAll(e.errors()));
        return errors;
    }

    // ---- the transition table (docs/api.md, "Listing rules") ----------------------------------

    /** Every command against every status: allowed exactly where the table says, else a 409. */
    static Stream<Arguments> transitionTable() {
        Map<String, Set<ListingStatus>> allowed = Map.of(
                "update", EnumSet.of(DRAFT, PUBLISHED),
                "change-price", EnumSet.of(DRAFT, PUBLISHED, RESERVED),
                "publish", EnumSet.of(DRAFT),
                "reserve", EnumSet.of(PUBLISHED),
                "release", EnumSet.of(RESERVED),
                "expire", EnumSet.of(RESERVED),
                "sell", EnumSet.of(PUBLISHED, RESERVED),
                "withdraw", EnumSet.of(DRAFT, PUBLISHED, RESERVED));
        List<Function<ListingStatus, ListingCommand>> commands = List.of(
                s -> new UpdateDetails(SELLER, "Racing bike", null, null),
                s -> new ChangePrice(SELLER, price("300", "EUR")),
                s -> new Publish(SELLER),
                s -> new Reserve(OTHER, HOLD_END),
                // The seller may release; a reserving buyer only exists in RESERVED.
                s -> new ReleaseReservation(SELLER),
                s -> new ExpireReservation(OTHER, HOLD_END),
                s -> new MarkSold(SELLER, null),
                s -> new Withdraw(SELLER, "changed my mind"));
        return commands.stream().flatMap(make -> Stream.of(ListingStatus.values()).map(status -> {
            ListingCommand command = make.apply(status);
            return Arguments.of(command.name(), status, command, allowed.get(command.name()).contains(status));
        }));
    }

    @ParameterizedTest(name = "{0} from {1}: allowed={3}")
    @MethodSource("transitionTable")
    void every_command_is_allowed_exactly_from_the_statuses_of_the_table(
            String name, ListingStatus status, ListingCommand command, boolean allowed) {
        Listing state = givenStatus(status);
        if (allowed) {
            assertThat(when(state, command)).hasSize(1);
        } else {
            assertThatThrownBy(() -> when(state, command))
                    .isInstanceOfSatisfying(IllegalTransition.class, e -> assertThat(e.status()).isEqualTo(status));
        }
    }

    // ---- create ------------------------------------------------------------------------------

    @Nested
    class Create {

        @Test
        void creates_a_draft_with_the_trimmed_title() {
            var events = when(Listing.INITIAL, create("  Road bike ", "54 cm frame", "bikes", price("350.00", "EUR")));

            assertThat(events).containsExactly(CREATED);
            assertThat(given(CREATED).status()).isEqualTo(DRAFT);
            assertThat(given(CREATED).sellerId()).isEqualTo(SELLER);
        }

        @Test
        void a_missing_description_is_empty() {
            var events = when(Listing.INITIAL, create("Lamp", null, "home", price("10", "EUR")));

            assertThat(((ListingCreated) events.getFirst()).description()).isEmpty();
        }

        @Test
        void cannot_create_twice() {
            assertThatThrownBy(() -> when(given(CREATED), create("Lamp", "", "home", price("10", "EUR"))))
                    .isInstanceOf(Conflict.class);
        }

        @Test
        void reports_every_invalid_field_at_once() {
            var errors = errorsOf(() -> when(Listing.INITIAL, create(" ", "x".repeat(5_001), "Home Garden", null)));

            assertThat(errors).extracting(FieldError::field).containsExactly("title", "description", "category", "price");
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 120})
        void accepts_titles_of_1_to_120_characters(int length) {
            assertThat(when(Listing.INITIAL, create("t".repeat(length), "", "home", price("1", "EUR")))).hasSize(1);
        }

        @Test
        void rejects_a_title_longer_than_120_characters_after_trimming() {
            assertThat(errorsOf(() -> when(Listing.INITIAL, create(" " + "t".repeat(121) + " ", "", "home", price("1", "EUR")))))
                    .extracting(FieldError::field).containsExactly("title");
            assertThat(when(Listing.INITIAL, create("  " + "t".repeat(120) + "  ", "", "home", price("1", "EUR")))).hasSize(1);
        }

        @Test
        void accepts_a_description_of_5000_characters() {
            assertThat(when(Listing.INITIAL, create("Lamp", "d".repeat(5_000), "home", price("1", "EUR")))).hasSize(1);
        }

        @ParameterizedTest
        @ValueSource(strings = {"bikes", "home-garden", "a1-b2-c3", "x"})
        void accepts_slug_categories(String category) {
            assertThat(when(Listing.INITIAL, create("Lamp", "", category, price("1", "EUR")))).hasSize(1);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "Bikes", "home garden", "home--garden", "-home", "home-", "héllo", "home_garden"})
        void rejects_categories_that_are_not_slugs(String category) {
            assertThat(errorsOf(() -> when(Listing.INITIAL, create("Lamp", "", category, price("1", "EUR")))))
                    .extracting(FieldError::field).containsExactly("category");
        }

        @Test
        void rejects_a_category_longer_than_40_characters() {
            assertThat(when(Listing.INITIAL, create("Lamp", "", "c".repeat(40), price("1", "EUR")))).hasSize(1);
            assertThat(errorsOf(() -> when(Listing.INITIAL, create("Lamp", "", "c".repeat(41), price("1", "EUR")))))
                    .extracting(FieldError::field).containsExactly("category");
        }
    }

    // ---- prices --------------------------------------------------------------------------------

    @Nested
    class Prices {

        @ParameterizedTest
        @ValueSource(strings = {"0.01 EUR", "12.5 EUR", "12.50 EUR", "1000000000 EUR", "1000000000.00 EUR", "500 JPY",
                "1.234 KWD", "7.000 JPY"})
        void accepts_positive_prices_within_the_currency_precision(String input) {
            String[] parts = input.split(" ");
            assertThat(when(Listing.INITIAL, create("Lamp", "", "home", price(parts[0], parts[1])))).hasSize(1);
        }

        @ParameterizedTest
        @ValueSource(strings = {"0 EUR", "-1 EUR", "1.234 EUR", "1000000000.01 EUR", "0.5 JPY", "1.2345 KWD"})
        void rejects_amounts_that_break_the_rules(String input) {
            String[] parts = input.split(" ");
            assertThat(errorsOf(() -> when(Listing.INITIAL, create("Lamp", "", "home", price(parts[0], parts[1])))))
                    .extracting(FieldError::field).containsExactly("price.amount");
        }

        @ParameterizedTest
        @ValueSource(strings = {"EURO", "eur", "ZZZ", "XAU", " "})
        void rejects_currencies_that_are_not_iso_4217_with_a_minor_unit(String currency) {
            assertThat(errorsOf(() -> when(Listing.INITIAL, create("Lamp", "", "home", price("1", currency)))))
                    .extracting(FieldError::field).contains("price.currency");
        }

        @Test
        void requires_amount_and_currency() {
            assertThat(errorsOf(() -> when(Listing.INITIAL, create("Lamp", "", "home", price(null, null)))))
                    .extracting(FieldError::field).containsExactly("price.currency", "price.amount");
        }

        @Test
        void a_new_price_records_the_previous_one() {
            var events = when(givenStatus(PUBLISHED), new ChangePrice(SELLER, price("300", "EUR")));

            assertThat(events).containsExactly(new ListingPriceChanged(eur("300"), EUR_350, PriceDirection.DOWN));
            assertThat(givenStatus(PUBLISHED).evolve(events.getFirst()).price()).isEqualTo(eur("300"));
        }

        @Test
        void the_same_price_written_differently_changes_nothing() {
            assertThat(when(givenStatus(DRAFT), new ChangePrice(SELLER, price("350", "EUR")))).isEmpty();
        }

        @Test
        void the_same_amount_in_another_currency_is_a_change() {
            assertThat(when(givenStatus(DRAFT), new ChangePrice(SELLER, price("350.00", "USD"))))
                    .extracting(e -> ((ListingPriceChanged) e).direction()).containsExactly(PriceDirection.CURRENCY_CHANGED);
        }

        @Test
        void a_higher_price_goes_up() {
            assertThat(when(givenStatus(DRAFT), new ChangePrice(SELLER, price("350.01", "EUR"))))
                    .extracting(e -> ((ListingPriceChanged) e).direction()).containsExactly(PriceDirection.UP);
        }

        @Test
        void an_invalid_new_price_is_rejected() {
            assertThat(errorsOf(() -> when(givenStatus(DRAFT), new ChangePrice(SELLER, price("-5", "EUR")))))
                    .extracting(FieldError::field).containsExactly("price.amount");
        }
    }

    // ---- details ---------------------------------------------------------------------------------

    @Nested
    class Details {

        @Test
        void updates_only_the_fields_given_and_carries_all_three() {
            var events = when(givenStatus(PUBLISHED), new UpdateDetails(SELLER, "Racing bike", null, "road-bikes"));

            assertThat(events).containsExactly(new ListingDetailsUpdated("Racing bike", "54 cm frame", "road-bikes"));
        }

        @Test
        void the_same_details_change_nothing() {
            assertThat(when(givenStatus(DRAFT), new UpdateDetails(SELLER, " Road bike ", "54 cm frame", "bikes"))).isEmpty();
            assertThat(when(givenStatus(DRAFT), new UpdateDetails(SELLER, null, null, null))).isEmpty();
        }

        @Test
        void invalid_new_details_are_rejected() {
            assertThat(errorsOf(() -> when(givenStatus(DRAFT), new UpdateDetails(SELLER, "", "d".repeat(5_001), "No"))))
                    .extracting(FieldError::field).containsExactly("title", "description", "category");
        }
    }

    // ---- who may act ---------------------------------------------------------------------------

    @Nested
    class Permissions {

        @Test
        void only_the_seller_may_change_a_listing() {
            Listing published = givenStatus(PUBLISHED);
            for (ListingCommand command : List.<ListingCommand>of(
                    new UpdateDetails(OTHER, "x", null, null), new ChangePrice(OTHER, price("1", "EUR")),
                    new Publish(OTHER), new MarkSold(OTHER, null), new Withdraw(OTHER, null))) {
                assertThatThrownBy(() -> when(published, command)).as(command.name()).isInstanceOf(NotPermitted.class);
            }
        }

        @Test
        void a_seller_cannot_reserve_their_own_listing() {
            assertThatThrownBy(() -> when(givenStatus(PUBLISHED), new Reserve(SELLER, HOLD_END))).isInstanceOf(NotPermitted.class);
        }

        @Test
        void commands_on_a_listing_that_does_not_exist_are_not_found() {
            for (ListingCommand command : List.<ListingCommand>of(
                    new UpdateDetails(SELLER, "x", null, null), new ChangePrice(SELLER, price("1", "EUR")),
                    new Publish(SELLER), new Reserve(BUYER, HOLD_END), new ReleaseReservation(SELLER),
                    new ExpireReservation(OTHER, HOLD_END),
                    new MarkSold(SELLER, null), new Withdraw(SELLER, null))) {
                assertThatThrownBy(() -> when(Listing.INITIAL, command)).as(command.name()).isInstanceOf(NotFound.class);
            }
        }
    }

    // ---- reserve, release, sell, withdraw ----------------------------------------------------------

    @Nested
    class Lifecycle {

        @Test
        void publish_makes_a_draft_public() {
            assertThat(when(givenStatus(DRAFT), new Publish(SELLER))).containsExactly(new ListingPublished());
            assertThat(givenStatus(PUBLISHED).status()).isEqualTo(PUBLISHED);
        }

        @Test
        void a_buyer_reserves_a_published_listing() {
            var events = when(givenStatus(PUBLISHED), new Reserve(BUYER, HOLD_END));

            assertThat(events).containsExactly(new ListingReserved(BUYER, HOLD_END));
            Listing reserved = givenStatus(PUBLISHED).evolve(events.getFirst());
            assertThat(reserved.status()).isEqualTo(RESERVED);
            assertThat(reserved.buyerId()).isEqualTo(BUYER);
            assertThat(reserved.reservedUntil()).isEqualTo(HOLD_END);
        }

        @Test
        void a_reservation_expires_once_its_hold_is_over_and_the_listing_is_published_again() {
            assertThat(when(givenStatus(RESERVED), new ExpireReservation(OTHER, HOLD_END.plusSeconds(1))))
                    .containsExactly(new ListingReservationExpired(BUYER, HOLD_END));
            Listing expired = givenStatus(RESERVED).evolve(new ListingReservationExpired(BUYER, HOLD_END));
            assertThat(expired.status()).isEqualTo(PUBLISHED);
            assertThat(expired.buyerId()).isNull();
            assertThat(expired.reservedUntil()).isNull();
        }

        @Test
        void a_reservation_does_not_expire_before_its_hold_is_over() {
            assertThatThrownBy(() -> when(givenStatus(RESERVED), new ExpireReservation(OTHER, HOLD_END.minus(Duration.ofMillis(1)))))
                    .isInstanceOf(Conflict.class).hasMessageContaining(HOLD_END.toString());
        }

        @Test
        void a_reservation_without_an_end_never_expires() {
            Listing heldForever = given(CREATED, new ListingPublished(), new ListingReserved(BUYER, null));
            assertThatThrownBy(() -> when(heldForever, new ExpireReservation(OTHER, Instant.MAX)))
                    .isInstanceOf(Conflict.class);
        }

        @Test
        void a_price_change_keeps_the_hold() {
            Listing repriced = givenStatus(RESERVED).evolve(new ListingPriceChanged(eur("300.00"), EUR_350, PriceDirection.DOWN));
            assertThat(repriced.reservedUntil()).isEqualTo(HOLD_END);
        }

        @Test
        void the_reserving_buyer_or_the_seller_may_release() {
            assertThat(when(givenStatus(RESERVED), new ReleaseReservation(BUYER)))
                    .containsExactly(new ListingReservationReleased(BUYER, BUYER));
            assertThat(when(givenStatus(RESERVED), new ReleaseReservation(SELLER)))
                    .containsExactly(new ListingReservationReleased(BUYER, SELLER));
            Listing released = givenStatus(RESERVED).evolve(new ListingReservationReleased(BUYER, BUYER));
            assertThat(released.status()).isEqualTo(PUBLISHED);
            assertThat(released.buyerId()).isNull();
        }

        @Test
        void another_user_may_not_release() {
            assertThatThrownBy(() -> when(givenStatus(RESERVED), new ReleaseReservation(OTHER)))
                    .isInstanceOf(NotPermitted.class);
        }

        @Test
        void a_reserved_listing_is_sold_to_its_reserving_buyer() {
            assertThat(when(givenStatus(RESERVED), new MarkSold(SELLER, null)))
                    .containsExactly(new ListingSold(BUYER, EUR_350));
            assertThat(when(givenStatus(RESERVED), new MarkSold(SELLER, BUYER)))
                    .containsExactly(new ListingSold(BUYER, EUR_350));
        }

        @Test
        void a_reserved_listing_cannot_be_sold_to_someone_else() {
            assertThatThrownBy(() -> when(givenStatus(RESERVED), new MarkSold(SELLER, OTHER))).isInstanceOf(Conflict.class);
        }

        @Test
        void a_published_listing_is_sold_to_any_buyer_but_the_seller() {
            assertThat(when(givenStatus(PUBLISHED), new MarkSold(SELLER, OTHER))).containsExactly(new ListingSold(OTHER, EUR_350));
            assertThat(when(givenStatus(PUBLISHED), new MarkSold(SELLER, null))).containsExactly(new ListingSold(null, EUR_350));
            assertThat(errorsOf(() -> when(givenStatus(PUBLISHED), new MarkSold(SELLER, SELLER))))
                    .extracting(FieldError::field).containsExactly("buyerId");
        }

        @Test
        void sold_is_final() {
            assertThat(givenStatus(SOLD).status()).isEqualTo(SOLD);
            assertThat(givenStatus(SOLD).buyerId()).isEqualTo(BUYER);
        }

        @Test
        void withdraw_records_the_reason_and_the_status_it_left() {
            assertThat(when(givenStatus(RESERVED), new Withdraw(SELLER, "sold elsewhere")))
                    .containsExactly(new ListingWithdrawn("sold elsewhere", RESERVED));
            assertThat(givenStatus(WITHDRAWN).status()).isEqualTo(WITHDRAWN);
        }

        @Test
        void a_withdraw_reason_is_at_most_1000_characters() {
            assertThat(errorsOf(() -> when(givenStatus(DRAFT), new Withdraw(SELLER, "r".repeat(1_001)))))
                    .extracting(FieldError::field).containsExactly("reason");
        }
    }
}
