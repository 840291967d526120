package com.agilex.listings.domain;

import static com.agilex.listings.domain.ListingStatus.DRAFT;
import static com.agilex.listings.domain.ListingStatus.PUBLISHED;
import static com.agilex.listings.domain.ListingStatus.RESERVED;

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
import com.agilex.listings.domain.ListingRejection.NotFound;
import com.agilex.listings.domain.ListingRejection.NotPermitted;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The listing's rules (docs/api.md, "Listing rules"): {@code decide(command, state)} answers
 * with the events the command causes, or throws a {@link ListingRejection}. Pure: no I/O, no
 * clock (a time it needs comes in the command), no framework.
 *
 * <p>Checks run in one order for every command: the listing exists, the actor may act on it,
 * the status allows the command, then the values are valid. An empty list means the command
 * changes nothing (same price, same details).
 */
public final class ListingDecider {

    public static final int TITLE_MAX = 120;
    public static final int DESCRIPTION_MAX = 5_000;
    public static final int CATEGORY_MAX = 40;
    public static final int USER_ID_MAX = 255;
    public static final int REASON_MAX = 1_000;
    private static final Pattern CATEGORY = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private ListingDecider() {
    }

    public static List<ListingEvent> decide(ListingCommand command, Listing state) {
        return switch (command) {
            case CreateListing c -> create(c, state);
            case UpdateDetails c -> updateDetails(c, state);
            case ChangePrice c -> changePrice(c, state);
            case Publish c -> {
                requireSeller(c, state);
                requireStatus(c, state, EnumSet.of(DRAFT));
                yield List.of(new ListingPublished());
            }
            case Reserve c -> reserve(c, state);
            case ReleaseReservation c -> release(c, state);
            case ExpireReservation c -> expire(c, state);
            case MarkSold c -> sell(c, state);
            case Withdraw c -> withdraw(c, state);
        };
    }

    private static List<ListingEvent> create(CreateListing c, Listing state) {
        if (state.exists()) {
            throw new Conflict("The listing already exists");
        }
        var errors = new Validated.Errors();
        String title = title(c.title(), errors);
        String description = description(c.description() == null ? "" : c.description(), errors);
        String category = category(c.category(), errors);
        Money price = price(c.price(), errors);
        requireUserId("sellerId", c.actor(), errors);
        errors.throwIfAny();
        return List.of(new ListingCreated(c.actor(), title, description, category, price));
    }

    private static List<ListingEvent> updateDetails(UpdateDetails c, Listing state) {
        requireSeller(c, state);
        requireStatus(c, state, EnumSet.of(DRAFT, PUBLISHED));
        var errors = new Validated.Errors();
        String title = c.title() == null ? state.title() : title(c.title(), errors);
        String description = c.description() == null ? state.description() : description(c.description(), errors);
        String category = c.category() == null ? state.category() : category(c.category(), errors);
        errors.throwIfAny();
        boolean unchanged = title.equals(state.title())
                && description.equals(state.description())
                && category.equals(state.category());
        return unchanged ? List.of() : List.of(new ListingDetailsUpdated(title, description, category));
    }

    private static List<ListingEvent> changePrice(ChangePrice c, Listing state) {
        requireSeller(c, state);
        requireStatus(c, state, EnumSet.of(DRAFT, PUBLISHED, RESERVED));
        var errors = new Validated.Errors();
        Money price = price(c.price(), errors);
        errors.throwIfAny();
        return price.sameAs(state.price())
                ? List.of()
                : List.of(new ListingPriceChanged(price, state.price(), PriceDirection.between(state.price(), price)));
    }

    private static List<ListingEvent> reserve(Reserve c, Listing state) {
        requireExists(state);
        if (state.isSeller(c.actor())) {
            throw new NotPermitted("A seller cannot reserve their own listing");
        }
        requireStatus(c, state, EnumSet.of(PUBLISHED));
        return List.of(new ListingReserved(c.actor(), Objects.requireNonNull(c.holdUntil(), "holdUntil")));
    }

    /** Anyone may ask (the service's sweep does): only a hold that is over ends. */
    private static List<ListingEvent> expire(ExpireReservation c, Listing state) {
        requireExists(state);
        requireStatus(c, state, EnumSet.of(RESERVED));
        if (state.reservedUntil() == null) {
            throw new Conflict("The reservation has no end: the seller or the buyer releases it");
        }
        if (c.now().isBefore(state.reservedUntil())) {
            throw new Conflict("The reservation holds until " + state.reservedUntil());
        }
        return List.of(new ListingReservationExpired(state.buyerId(), state.reservedUntil()));
    }

    private static List<ListingEvent> release(ReleaseReservation c, Listing state) {
        requireExists(state);
        boolean reservingBuyer = state.status() == RESERVED && Objects.equals(state.buyerId(), c.actor());
        if (!state.isSeller(c.actor()) && !reservingBuyer) {
            throw new NotPermitted("Only the seller or the reserving buyer may release a reservation");
        }
        requireStatus(c, state, EnumSet.of(RESERVED));
        return List.of(new ListingReservationReleased(state.buyerId(), c.actor()));
    }

    private static List<ListingEvent> sell(MarkSold c, Listing state) {
        requireSeller(c, state);
        requireStatus(c, state, EnumSet.of(PUBLISHED, RESERVED));
        var errors = new Validated.Errors();
        if (c.buyerId() != null) {
            requireUserId("buyerId", c.buyerId(), errors);
            if (state.isSeller(c.buyerId())) {
                errors.add("buyerId", "must not be the seller");
            }
        }
        errors.throwIfAny();
        if (state.status() == RESERVED) {
            if (c.buyerId() != null && !c.buyerId().equals(state.buyerId())) {
                throw new Conflict("The listing is reserved for another buyer");
            }
            return List.of(new ListingSold(state.buyerId(), state.price()));
        }
        return List.of(new ListingSold(c.buyerId(), state.price()));
    }

    private static List<ListingEvent> withdraw(Withdraw c, Listing state) {
        requireSeller(c, state);
        requireStatus(c, state, EnumSet.of(DRAFT, PUBLISHED, RESERVED));
        var errors = new Validated.Errors();
        if (c.reason() != null && c.reason().length() > REASON_MAX) {
            errors.add("reason", "must be at most " + REASON_MAX + " characters");
        } else {
            storable("reason", c.reason(), errors);
        }
        errors.throwIfAny();
        return List.of(new ListingWithdrawn(c.reason(), state.status()));
    }

    private static void requireExists(Listing state) {
        if (!state.exists()) {
            throw new NotFound();
        }
    }

    private static void requireSeller(ListingCommand c, Listing state) {
        requireExists(state);
        if (!state.isSeller(c.actor())) {
            throw new NotPermitted("Only the listing's seller may " + c.name() + " it");
        }
    }

    private static void requireStatus(ListingCommand c, Listing state, Set<ListingStatus> allowed) {
        if (!allowed.contains(state.status())) {
            throw new IllegalTransition(c.name(), state.status());
        }
    }

    private static String title(String raw, Validated.Errors errors) {
        String title = raw == null ? "" : raw.strip();
        if (title.isEmpty()) {
            errors.add("title", "must not be blank");
        } else if (title.length() > TITLE_MAX) {
            errors.add("title", "must be at most " + TITLE_MAX + " characters");
        } else {
            storable("title", title, errors);
        }
        return title;
    }

    private static String description(String raw, Validated.Errors errors) {
        if (raw.length() > DESCRIPTION_MAX) {
            errors.add("description", "must be at most " + DESCRIPTION_MAX + " characters");
        } else {
            storable("description", raw, errors);
        }
        return raw;
    }

    private static void storable(String field, String value, Validated.Errors errors) {
        String problem = Text.problem(value);
        if (problem != null) {
            errors.add(field, problem);
        }
    }

    /** Whether {@code raw} is a category: a slug of lowercase letters, digits and single hyphens, at most CATEGORY_MAX long. */
    public static boolean isCategory(String raw) {
        return raw != null && raw.length() <= CATEGORY_MAX && CATEGORY.matcher(raw).matches();
    }

    private static String category(String raw, Validated.Errors errors) {
        if (raw == null || raw.isEmpty()) {
            errors.add("category", "is required");
        } else if (raw.length() > CATEGORY_MAX) {
            errors.add("category", "must be at most " + CATEGORY_MAX + " characters");
        } else if (!CATEGORY.matcher(raw).matches()) {
            errors.add("category", "must be a slug of lowercase letters, digits and single hyphens, e.g. home-garden");
        }
        return raw;
    }

    private static Money price(PriceInput input, Validated.Errors errors) {
        if (input == null) {
            errors.add("price", "is required");
            return null;
        }
        return errors.collect("price", Money.parse(input.amount(), input.currency()));
    }

    private static void requireUserId(String field, String id, Validated.Errors errors) {
        if (id == null || id.isBlank()) {
            errors.add(field, "is required");
        } else if (id.length() > USER_ID_MAX) {
            errors.add(field, "must be at most " + USER_ID_MAX + " characters");
        } else {
            storable(field, id, errors);
        }
    }
}
