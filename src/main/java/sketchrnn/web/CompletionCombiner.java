package sketchrnn.web;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import sketchrnn.data.Sketch;
import sketchrnn.sample.SamplingOptions;
import sketchrnn.sample.SketchModel;

/**
 * Completion requests that wait at the same time are computed together: one {@link SketchModel#completeAll}
 * call for all waiting requests on the same model with the same sampling options (seeds may differ), which
 * costs little more than one of them. Under load this is what keeps the studio's latency low: with 16 people
 * drawing at once, each computation takes the requests that arrived while the previous one ran.
 *
 * <ol>
 *   <li>{@link #submit} queues the request and, when fewer than {@code runners} computations are going,
 *       starts one on the executor;</li>
 *   <li>a runner takes the oldest request and every queued request it can be combined with (up to
 *       {@code maxEndings} endings in all), computes them in one call and answers each; then takes the next
 *       group, until the queue is empty;</li>
 *   <li>a request cancelled while waiting (its time limit passed) is dropped unanswered; if a combined call
 *       fails, its requests are computed one by one, so a bad request never harms another.</li>
 * </ol>
 */
final class CompletionCombiner {
    private final Executor executor;
    private final int runners;
    private final int maxQueued;
    private final int maxEndings;
    private final ArrayDeque<Pending<?>> queue = new ArrayDeque<>();
    private int running;

    /**
     * @param executor   where computations run
     * @param runners    the most computations at once (the executor's threads)
     * @param maxQueued  the most requests waiting; more are refused (busy)
     * @param maxEndings the most endings computed in one call
     */
    CompletionCombiner(Executor executor, int runners, int maxQueued, int maxEndings) {
        this.executor = executor;
        this.runners = runners;
        this.maxQueued = maxQueued;
        this.maxEndings = maxEndings;
    }

    /**
     * Queues a completion; the future gets {@code answer} applied to the endings (in the computing thread).
     *
     * @throws RejectedExecutionException when {@code maxQueued} requests are already waiting
     */
    <T> CompletableFuture<T> submit(SketchModel model, Sketch prefix, int count, SamplingOptions options,
                                    Function<List<Sketch>, T> answer) {
        Pending<T> p = new Pending<>(model, prefix, count, options, answer);
        boolean start;
        synchronized (this) {
            if (queue.size() >= maxQueued) {
                throw new RejectedExecutionException("queue full");
            }
            queue.add(p);
            start = running < runners;
            if (start) {
                running++;
            }
        }
        if (start) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                synchronized (this) {
                    running--;
                    queue.remove(p);
                }
                throw e;
            }
        }
        return p.future;
    }

    /** Computes groups of waiting requests until none is left. */
    private void drain() {
        while (true) {
            List<Pending<?>> group;
            synchronized (this) {
                group = takeGroup();
                if (group.isEmpty()) {
                    running--;
                    return;
                }
            }
            try {
                compute(group);
            } catch (Throwable t) { // never lose a runner: whatever happened, its requests are answered
                for (Pending<?> p : group) {
                    p.future.completeExceptionally(t);
                }
            }
        }
    }

    /** The oldest live request and every later one it combines with, up to maxEndings endings. */
    private List<Pending<?>> takeGroup() {
        List<Pending<?>> group = new ArrayList<>();
        int endings = 0;
        for (Iterator<Pending<?>> it = queue.iterator(); it.hasNext(); ) {
            Pending<?> p = it.next();
            if (p.future.isDone()) {                                   // cancelled while waiting
                it.remove();
                continue;
            }
            if (group.isEmpty() || (p.combinesWith(group.get(0)) && endings + p.count <= maxEndings)) {
                group.add(p);
                endings += p.count;
                it.remove();
            }
        }
        return group;
    }

    private static void compute(List<Pending<?>> group) {
        if (group.size() > 1) {
            try {
                List<SketchModel.Completion> requests = new ArrayList<>(group.size());
                for (Pending<?> p : group) {
                    requests.add(new SketchModel.Completion(p.prefix, p.count, p.options.seed()));
                }
                List<List<Sketch>> endings = group.get(0).model.completeAll(requests, group.get(0).options);
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).answer(endings.get(i));
                }
                return;
            } catch (RuntimeException | Error e) {
                // one by one below: each request gets its own answer or its own error
            }
        }
        for (Pending<?> p : group) {
            try {
                p.answer(p.model.complete(p.prefix, p.count, p.options));
            } catch (RuntimeException | Error e) {
                p.future.completeExceptionally(e);
            }
        }
    }

    /** One waiting request. */
    private static final class Pending<T> {
        final SketchModel model;
        final Sketch prefix;
        final int count;
        final SamplingOptions options;
        final Function<List<Sketch>, T> answer;
        final CompletableFuture<T> future = new CompletableFuture<>();

        Pending(SketchModel model, Sketch prefix, int count, SamplingOptions options, Function<List<Sketch>, T> answer) {
            this.model = model;
            this.prefix = prefix;
            this.count = count;
            this.options = options;
            this.answer = answer;
        }

        /** Same model, same options but the seed. */
        boolean combinesWith(Pending<?> o) {
            return model == o.model && options.withSeed(0).equals(o.options.withSeed(0));
        }

        void answer(List<Sketch> endings) {
            try {
                future.complete(answer.apply(endings));
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
        }
    }
}
