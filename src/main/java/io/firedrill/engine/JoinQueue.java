package io.firedrill.engine;

import java.util.Arrays;

/**
 * The services whose standby is pending ({@link CapacityState#PENDING}), by the time it joins: an
 * indexed binary min-heap over service numbers, keyed by a shared array of join times (hours), so
 * that the sweep finds the next join in O(1) and updates it in O(log n), where scanning every
 * service at every instant cost O(services) per instant (a site's loss that starts a hundred
 * failovers makes a hundred join instants: O(services²) per trial).
 *
 * <p>Ties in time are ordered by service number, so the heap's shape, and everything read from it,
 * is the same in every trial and on every machine. Allocates nothing after construction.
 */
final class JoinQueue {
  /** Join times by service, hours; owned by the caller, read here. */
  private final double[] key;

  /** Service numbers, a binary heap on (key, service) in {@code heap[0 .. size)}. */
  private final int[] heap;

  /** By service: its index in {@link #heap}, or −1 if it is not queued. */
  private final int[] pos;

  private int size;

  /**
   * A queue for services 0 to {@code key.length − 1}, keyed by {@code key} (join times, which the
   * caller writes before {@link #set}).
   */
  JoinQueue(double[] key) {
    this.key = key;
    heap = new int[key.length];
    pos = new int[key.length];
    Arrays.fill(pos, -1);
  }

  /** Empties the queue. */
  void clear() {
    for (int i = 0; i < size; i++) {
      pos[heap[i]] = -1;
    }
    size = 0;
  }

  /** Number of queued services. */
  int size() {
    return size;
  }

  /** The queued service that joins first (ties: the lowest number); the queue must not be empty. */
  int first() {
    return heap[0];
  }

  /** Queues service a at its key's current value, or moves it there if it is queued already. */
  void set(int a) {
    int i = pos[a];
    if (i < 0) {
      i = size++;
      heap[i] = a;
      pos[a] = i;
    }
    up(down(i));
  }

  /** Takes service a out of the queue; nothing if it is not queued. */
  void remove(int a) {
    int i = pos[a];
    if (i < 0) {
      return;
    }
    pos[a] = -1;
    int last = heap[--size];
    if (i < size) {
      heap[i] = last;
      pos[last] = i;
      up(down(i));
    }
  }

  /**
   * Writes the queued services whose key is at or before t into {@code out}, in ascending service
   * number, and returns how many; {@code out} must have room for every service.
   */
  int due(double t, int[] out) {
    int n = collect(0, t, out, 0);
    // Insertion sort: the due services of an instant are few.
    for (int i = 1; i < n; i++) {
      int x = out[i];
      int j = i - 1;
      while (j >= 0 && out[j] > x) {
        out[j + 1] = out[j];
        j--;
      }
      out[j + 1] = x;
    }
    return n;
  }

  /**
   * Appends the heap's nodes under i (inclusive) whose key is at or before t: heap order prunes.
   */
  private int collect(int i, double t, int[] out, int n) {
    // Iterative over a stack kept in the tail of out: out is as long as the service count, and
    // results and pending nodes together never exceed the nodes visited.
    if (i >= size || !(key[heap[i]] <= t)) {
      return n;
    }
    int top = out.length;
    out[--top] = i;
    while (top < out.length) {
      int node = out[top++];
      out[n++] = heap[node];
      for (int c = 2 * node + 1; c <= 2 * node + 2 && c < size; c++) {
        if (key[heap[c]] <= t) {
          out[--top] = c;
        }
      }
    }
    return n;
  }

  private boolean before(int x, int y) {
    return key[x] < key[y] || (key[x] == key[y] && x < y);
  }

  private int up(int i) {
    int a = heap[i];
    while (i > 0) {
      int parent = (i - 1) / 2;
      int b = heap[parent];
      if (!before(a, b)) {
        break;
      }
      heap[i] = b;
      pos[b] = i;
      i = parent;
    }
    heap[i] = a;
    pos[a] = i;
    return i;
  }

  private int down(int i) {
    int a = heap[i];
    while (true) {
      int c = 2 * i + 1;
      if (c >= size) {
        break;
      }
      if (c + 1 < size && before(heap[c + 1], heap[c])) {
        c++;
      }
      int b = heap[c];
      if (!before(b, a)) {
        break;
      }
      heap[i] = b;
      pos[b] = i;
      i = c;
    }
    heap[i] = a;
    pos[a] = i;
    return i;
  }
}
