package sketchrnn.web;

import java.time.Duration;
import sketchrnn.data.BadInputException;

/**
 * What one request may ask of the studio server, and how much work it takes on at once. Requests over a
 * size limit are refused with 400 before any model work; a computation that is not done within
 * {@code timeLimit} (queueing included) is answered with 503 and its result thrown away.
 *
 * @param maxBodyBytes   largest request body, in bytes
 * @param maxPoints      most points in one sketch of a request (before simplification)
 * @param maxCount       most sketches one request may ask for (sample, complete, reconstruct)
 * @param maxSteps       most steps of an interpolation (both ends included)
 * @param timeLimit      longest a request may wait for its result, queueing included
 * @param httpThreads    threads that read requests and write answers
 * @param computeThreads threads that run the models (model work beyond them queues)
 * @param maxQueued      model computations that may wait for a compute thread; beyond that: 503 at once
 */
public record StudioLimits(int maxBodyBytes, int maxPoints, int maxCount, int maxSteps, Duration timeLimit,
                           int httpThreads, int computeThreads, int maxQueued) {

    /**
     * 256 KiB bodies, 2 000 points, 16 sketches, 16 steps, 30 s, 32 HTTP and 2 compute threads, 24 computations
     * queued. There are more HTTP threads than compute threads plus queue, so that an overload shows up as a
     * quick 503 "busy" rather than as connections waiting unseen.
     */
    public static final StudioLimits DEFAULTS = new StudioLimits(256 * 1024, 2000, 16, 16, Duration.ofSeconds(30),
            32, 2, 24);

    public StudioLimits {
        positive("max body bytes", maxBodyBytes);
        positive("max points", maxPoints);
        positive("max count", maxCount);
        if (maxSteps < 2) {
            throw new BadInputException("max steps " + maxSteps + " must be at least 2 (the two ends)");
        }
        if (timeLimit == null || timeLimit.isNegative() || timeLimit.isZero()) {
            throw new BadInputException("time limit " + timeLimit + " must be positive");
        }
        positive("HTTP threads", httpThreads);
        positive("compute threads", computeThreads);
        positive("max queued", maxQueued);
    }

    private static void positive(String name, int v) {
        if (v <= 0) {
            throw new BadInputException(name + " " + v + " must be positive");
        }
    }

    public StudioLimits withTimeLimit(Duration v) {
        return new StudioLimits(maxBodyBytes, maxPoints, maxCount, maxSteps, v, httpThreads, computeThreads, maxQueued);
    }

    public StudioLimits withComputeThreads(int v) {
        return new StudioLimits(maxBodyBytes, maxPoints, maxCount, maxSteps, timeLimit, httpThreads, v, maxQueued);
    }

    public StudioLimits withMaxQueued(int v) {
        return new StudioLimits(maxBodyBytes, maxPoints, maxCount, maxSteps, timeLimit, httpThreads, computeThreads, v);
    }

    public StudioLimits withMaxBodyBytes(int v) {
        return new StudioLimits(v, maxPoints, maxCount, maxSteps, timeLimit, httpThreads, computeThreads, maxQueued);
    }
}
