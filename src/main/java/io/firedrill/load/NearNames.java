package io.firedrill.load;

/**
 * "Did you mean": the known name nearest a misspelt one, within a bounded amount of work.
 *
 * <p>A name is near when its Levenshtein distance (insertions, deletions and substitutions of one
 * character each) is at most {@value #MAX_DISTANCE}; the nearest wins, the first on a tie. The
 * distance is computed only between names of at most {@value #MAX_LENGTH} characters whose lengths
 * differ by at most {@value #MAX_DISTANCE} (others cannot be near, or are not names), row by row,
 * stopping as soon as a row has no cell within reach. One instance serves one model or one {@code
 * --set}, and stops suggesting once it has filled {@value #MAX_CELLS} cells: a file of thousands of
 * misspelt names among thousands of known ones stays fast, and the same file always gets the same
 * suggestions. Before these bounds, 1,000 sites of 1,000-character names and a {@code --set} path
 * of 120,000 characters took 227 s.
 */
public final class NearNames {
  /** Longest name compared: names are at most 64 characters (docs/model-format.md). */
  static final int MAX_LENGTH = 64;

  /** Largest distance suggested. */
  static final int MAX_DISTANCE = 2;

  /** Cells of the distance table one instance fills before it stops suggesting. */
  static final long MAX_CELLS = 20_000_000;

  private long cells;

  /**
   * The known name nearest {@code key} (Levenshtein distance, case-sensitive), or null when none is
   * within two edits or either is longer than {@value #MAX_LENGTH} characters.
   */
  public String closest(String key, Iterable<String> known) {
    if (key.length() > MAX_LENGTH || cells >= MAX_CELLS) {
      return null;
    }
    String best = null;
    int bestDistance = MAX_DISTANCE + 1;
    for (String name : known) {
      if (cells >= MAX_CELLS) {
        break;
      }
      if (name.length() > MAX_LENGTH || Math.abs(name.length() - key.length()) > MAX_DISTANCE) {
        continue;
      }
      int d = distance(key, name, bestDistance - 1);
      if (d < bestDistance) {
        best = name;
        bestDistance = d;
      }
    }
    return best;
  }

  /** The Levenshtein distance of a and b if it is at most {@code limit}, else limit + 1. */
  private int distance(String a, String b, int limit) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      int rowMin = cur[0];
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
        rowMin = Math.min(rowMin, cur[j]);
      }
      cells += b.length() + 1;
      if (rowMin > limit) {
        // Every later row is at least this row's minimum.
        return limit + 1;
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return Math.min(prev[b.length()], limit + 1);
  }
}
