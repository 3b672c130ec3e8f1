package uk.gov.paas.support.escalation.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import uk.gov.paas.support.kernel.calendar.SupportCalendar;

/**
 * Who is on call when: a {@link RotaPlan}'s shifts cut by {@link RotaOverride}s. The timeline is a sequence of
 * segments, each a maximal stretch with one source (one rota shift, or one override); adjacent segments of the same
 * person stay separate when their sources differ, so consecutive shifts of a one-person rota are separate shifts.
 *
 * <p>Shift starts are local wall-clock times in the calendar's zone, turned into instants by
 * {@link SupportCalendar#instantAt}, so a 09:00 handoff stays at 09:00 across clock changes. The shift covering an
 * instant is found arithmetically from its local date, so any query costs O(1) for the rota plus O(overrides).
 * Immutable and thread-safe.
 */
public final class RotaSchedule {

    /** Most segments {@link #shifts} returns in one call. */
    public static final int MAX_SHIFTS = 100;

    /** Cap on {@link #shiftsBetween} and {@link #handoffsBetween}: a bigger window is a caller bug, not a feed. */
    public static final int MAX_RESULTS = 1000;

    /** Marks "before the first shift": the rota has nobody on call. */
    private static final long NO_SHIFT = -1;

    private final RotaPlan plan;
    private final List<RotaOverride> overrides;
    private final SupportCalendar calendar;
    private final LocalDate firstShiftDate;

    public RotaSchedule(RotaPlan plan, List<RotaOverride> overrides, SupportCalendar calendar) {
        if (plan == null) {
            throw new IllegalArgumentException("plan: must not be null");
        }
        if (overrides == null) {
            throw new IllegalArgumentException("overrides: must not be null");
        }
        if (calendar == null) {
            throw new IllegalArgumentException("calendar: must not be null");
        }
        Set<Long> ids = new HashSet<>();
        for (RotaOverride override : overrides) {
            if (override == null) {
                throw new IllegalArgumentException("overrides: must not contain null");
            }
            // precedence is by id, so two overrides with one id would have no defined winner
            if (!ids.add(override.id())) {
                throw new IllegalArgumentException("overrides: duplicate id " + override.id());
            }
        }
        this.plan = plan;
        // highest id first: the first override covering an instant is the one that wins there
        this.overrides = overrides.stream().sorted(Comparator.comparingLong(RotaOverride::id).reversed()).toList();
        this.calendar = calendar;
        this.firstShiftDate = plan.firstShiftDate();
    }

    public RotaPlan plan() {
        return plan;
    }

    /** The overrides, highest id (strongest) first. */
    public List<RotaOverride> overrides() {
        return overrides;
    }

    public SupportCalendar calendar() {
        return calendar;
    }

    /** The segment covering {@code instant} (start inclusive, end exclusive); empty when nobody is on call. */
    public Optional<Shift> onCallAt(Instant instant) {
        RotaOverride winner = overrideAt(instant);
        if (winner != null) {
            return Optional.of(overrideSegment(winner, instant));
        }
        long index = shiftIndexAt(instant);
        return index == NO_SHIFT ? Optional.empty() : Optional.of(rotaSegment(index, instant));
    }

    /**
     * {@code count} segments in time order: the one covering {@code from} (if any) and those after it. Overrides
     * before the rota starts are included.
     *
     * @throws IllegalArgumentException unless 1 &lt;= count &lt;= {@value #MAX_SHIFTS}
     */
    public List<Shift> shifts(Instant from, int count) {
        if (from == null) {
            throw new IllegalArgumentException("from: must not be null");
        }
        if (count < 1 || count > MAX_SHIFTS) {
            throw new IllegalArgumentException("count: must be between 1 and " + MAX_SHIFTS + ", not " + count);
        }
        List<Shift> result = new ArrayList<>(count);
        for (Shift segment = segmentAtOrAfter(from); result.size() < count; segment = segmentAtOrAfter(segment.end())) {
            result.add(segment);
        }
        return List.copyOf(result);
    }

    /**
     * Every segment overlapping [from, to), whole (not clipped to the window), in time order; at most
     * {@value #MAX_RESULTS}, the earliest. Empty when {@code from} equals {@code to}.
     *
     * @throws IllegalArgumentException when {@code to} is before {@code from}
     */
    public List<Shift> shiftsBetween(Instant from, Instant to) {
        requireRange(from, to);
        List<Shift> result = new ArrayList<>();
        // an empty window overlaps nothing, not even the segment covering its instant
        if (from.equals(to)) {
            return List.of();
        }
        for (Shift segment = segmentAtOrAfter(from); segment.start().isBefore(to) && result.size() < MAX_RESULTS;
                segment = segmentAtOrAfter(segment.end())) {
            result.add(segment);
        }
        return List.copyOf(result);
    }

    /**
     * The rota's handoff instants (starts of the plan's shifts; override boundaries are not handoffs) in
     * ({@code fromExclusive}, {@code toInclusive}], in order; at most {@value #MAX_RESULTS}, the earliest. Who takes
     * over at a handoff is {@link #onCallAt} that instant: an override may cover it.
     *
     * @throws IllegalArgumentException when {@code toInclusive} is before {@code fromExclusive}
     */
    public List<Instant> handoffsBetween(Instant fromExclusive, Instant toInclusive) {
        requireRange(fromExclusive, toInclusive);
        List<Instant> result = new ArrayList<>();
        Instant previous = fromExclusive;
        for (long index = shiftIndexAt(fromExclusive) + 1; result.size() < MAX_RESULTS; index++) {
            Instant handoff = shiftStart(index);
            if (handoff.isAfter(toInclusive)) {
                break;
            }
            // a shift swallowed whole by a skipped day (a 24 h gap) starts with the next one: one handoff, not two
            if (handoff.isAfter(previous)) {
                result.add(handoff);
                previous = handoff;
            }
        }
        return List.copyOf(result);
    }

    /** The first rota handoff strictly after {@code after}. */
    public Optional<Instant> nextHandoff(Instant after) {
        if (after == null) {
            throw new IllegalArgumentException("after: must not be null");
        }
        return Optional.of(shiftStart(shiftIndexAt(after) + 1));
    }

    /** The segment covering {@code instant}, or else the first one starting after it (there always is one). */
    private Shift segmentAtOrAfter(Instant instant) {
        Optional<Shift> covering = onCallAt(instant);
        if (covering.isPresent()) {
            return covering.get();
        }
        // nobody on call happens only before the first shift: the next segment is that shift or an earlier override
        Instant next = shiftStart(0);
        for (RotaOverride override : overrides) {
            if (override.from().isAfter(instant) && override.from().isBefore(next)) {
                next = override.from();
            }
        }
        return onCallAt(next).orElseThrow();
    }

    /** The strongest override covering {@code instant}, or null. */
    private RotaOverride overrideAt(Instant instant) {
        for (RotaOverride override : overrides) {
            if (override.covers(instant)) {
                return override;
            }
        }
        return null;
    }

    /**
     * The segment of {@code winner} around {@code instant}: it starts at the override's start or where a stronger
     * override last ended before the instant, and ends at the override's end or where a stronger one next starts.
     */
    private Shift overrideSegment(RotaOverride winner, Instant instant) {
        Instant start = winner.from();
        Instant end = winner.to();
        for (RotaOverride stronger : overrides) {
            if (stronger.id() <= winner.id()) {
                break;
            }
            start = cutStart(start, stronger, instant);
            end = cutEnd(end, stronger, instant);
        }
        return new Shift(winner.personId(), start, end, winner.id());
    }

    /** The part of rota shift {@code index} around {@code instant} that no override covers. */
    private Shift rotaSegment(long index, Instant instant) {
        Instant start = shiftStart(index);
        Instant end = shiftStart(index + 1);
        for (RotaOverride override : overrides) {
            start = cutStart(start, override, instant);
            end = cutEnd(end, override, instant);
        }
        return new Shift(plan.memberFor(index), start, end, null);
    }

    /** A stronger override that ended at or before the instant (and after {@code start}) pushes the start to its end. */
    private static Instant cutStart(Instant start, RotaOverride stronger, Instant instant) {
        return !stronger.to().isAfter(instant) && stronger.to().isAfter(start) ? stronger.to() : start;
    }

    /** A stronger override starting after the instant (and before {@code end}) pulls the end to its start. */
    private static Instant cutEnd(Instant end, RotaOverride stronger, Instant instant) {
        return stronger.from().isAfter(instant) && stronger.from().isBefore(end) ? stronger.from() : end;
    }

    /**
     * The index of the rota shift covering {@code instant}, or {@link #NO_SHIFT} before the first. Estimated from
     * the local date, then corrected by at most a step or two: a clock change moves a start by hours, not shifts.
     */
    private long shiftIndexAt(Instant instant) {
        long days = ChronoUnit.DAYS.between(firstShiftDate, LocalDate.ofInstant(instant, calendar.zone()));
        long index = Math.max(Math.floorDiv(days, plan.lengthDays()), NO_SHIFT);
        while (index > NO_SHIFT && shiftStart(index).isAfter(instant)) {
            index--;
        }
        while (!shiftStart(index + 1).isAfter(instant)) {
            index++;
        }
        return index;
    }

    /** When rota shift {@code index} starts: its local date at the handoff time, through the calendar's one rule. */
    private Instant shiftStart(long index) {
        LocalDate date = firstShiftDate.plusDays(Math.multiplyExact(index, (long) plan.lengthDays()));
        return calendar.instantAt(date.atTime(plan.handoffTime()));
    }

    private static void requireRange(Instant from, Instant to) {
        if (from == null) {
            throw new IllegalArgumentException("from: must not be null");
        }
        if (to == null) {
            throw new IllegalArgumentException("to: must not be null");
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to: must not be before from (" + from + "), not " + to);
        }
    }
}
