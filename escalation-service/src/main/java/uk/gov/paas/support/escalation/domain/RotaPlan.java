package uk.gov.paas.support.escalation.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Objects;

/**
 * A repeating on-call rotation: who takes each shift, in order, and when shifts hand off. The first shift starts at
 * {@code handoffTime} on the first {@code handoffDay} on or after {@code startDate}; shift k starts {@code k *
 * lengthDays} local days later at the same wall-clock time, ends where shift k+1 starts and belongs to
 * {@code members.get(k % members.size())}. A person may appear more than once in {@code members}.
 *
 * @param members     person ids in rotation order, 1 to 100 of them, no nulls, repeats allowed
 * @param startDate   no shift starts before this date
 * @param handoffDay  the day of week of the first handoff (later handoffs follow {@code lengthDays})
 * @param handoffTime the local wall-clock time of every handoff
 * @param lengthDays  days per shift, 1 to 366; {@value #WEEKLY} is a weekly rota
 */
public record RotaPlan(List<Long> members, LocalDate startDate, DayOfWeek handoffDay, LocalTime handoffTime, int lengthDays) {

    /** The shift length callers use unless told otherwise. */
    public static final int WEEKLY = 7;

    public static final int MAX_MEMBERS = 100;
    public static final int MAX_LENGTH_DAYS = 366;

    public RotaPlan {
        if (members == null) {
            throw new IllegalArgumentException("members: must not be null");
        }
        if (members.isEmpty() || members.size() > MAX_MEMBERS) {
            throw new IllegalArgumentException("members: must have between 1 and " + MAX_MEMBERS + " people, not " + members.size());
        }
        // List.copyOf (and contains(null) on an immutable list) would throw a bare NullPointerException; callers get the field name
        if (members.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("members: must not contain null");
        }
        members = List.copyOf(members);
        if (startDate == null) {
            throw new IllegalArgumentException("startDate: must not be null");
        }
        if (handoffDay == null) {
            throw new IllegalArgumentException("handoffDay: must not be null");
        }
        if (handoffTime == null) {
            throw new IllegalArgumentException("handoffTime: must not be null");
        }
        if (lengthDays < 1 || lengthDays > MAX_LENGTH_DAYS) {
            throw new IllegalArgumentException("lengthDays: must be between 1 and " + MAX_LENGTH_DAYS + ", not " + lengthDays);
        }
    }

    /** A rota handing off every {@value #WEEKLY} days. */
    public static RotaPlan weekly(List<Long> members, LocalDate startDate, DayOfWeek handoffDay, LocalTime handoffTime) {
        return new RotaPlan(members, startDate, handoffDay, handoffTime, WEEKLY);
    }

    /** The local date the first shift starts: the first {@code handoffDay} on or after {@code startDate}. */
    public LocalDate firstShiftDate() {
        return startDate.with(TemporalAdjusters.nextOrSame(handoffDay));
    }

    /** The local date shift {@code shiftIndex} (0 = the first) starts. */
    public LocalDate shiftDate(long shiftIndex) {
        requireShiftIndex(shiftIndex);
        return firstShiftDate().plusDays(Math.multiplyExact(shiftIndex, (long) lengthDays));
    }

    /** The person whose turn shift {@code shiftIndex} (0 = the first) is. */
    public long memberFor(long shiftIndex) {
        requireShiftIndex(shiftIndex);
        return members.get((int) (shiftIndex % members.size()));
    }

    private static void requireShiftIndex(long shiftIndex) {
        if (shiftIndex < 0) {
            throw new IllegalArgumentException("shiftIndex: must not be negative, not " + shiftIndex);
        }
    }
}
