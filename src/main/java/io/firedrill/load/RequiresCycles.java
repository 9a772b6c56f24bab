package io.firedrill.load;

import io.firedrill.dist.UserText;
import io.firedrill.load.ModelSchema.ServiceKeys;
import io.firedrill.load.yaml.Node;
import io.firedrill.load.yaml.Origin;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dependency cycles of {@code requires}, each reported once at the {@code requires} key of its
 * first service in file order.
 *
 * <p>It reads the declarations, not the bound services, so that a cycle is found even when a
 * service in it has another defect: one typo does not hide a loop.
 */
final class RequiresCycles {
  private final List<ModelError> errors = new ArrayList<>();

  private RequiresCycles() {}

  /** The cycles among {@code services} (declarations by name, in file order), as errors. */
  static List<ModelError> find(Map<String, Node.Mapping.Entry> services) {
    Map<String, List<String>> edges = new LinkedHashMap<>();
    Map<String, Origin> origins = new HashMap<>();
    String requiresKey = ServiceKeys.REQUIRES.name();
    services.forEach(
        (name, e) -> {
          List<String> out = new ArrayList<>();
          Node requires =
              e.value() instanceof Node.Mapping m && m.get(requiresKey) != null
                  ? m.get(requiresKey).value()
                  : null;
          // A single name is a one-element list here too: requires: a on a loops as surely.
          List<Node> items =
              requires instanceof Node.Sequence seq
                  ? seq.items()
                  : requires instanceof Node.Scalar ? List.of(requires) : List.of();
          if (!items.isEmpty()) {
            Node.Mapping m = (Node.Mapping) e.value();
            for (Node item : items) {
              if (item instanceof Node.Scalar sc
                  && !sc.isNull()
                  && services.containsKey(sc.text())) {
                out.add(sc.text());
              }
            }
            origins.put(name, m.get(requiresKey).keyOrigin());
          }
          edges.put(name, out);
        });
    RequiresCycles c = new RequiresCycles();
    c.search(edges, origins);
    return c.errors;
  }

  /**
   * Reports each dependency cycle once, as a depth-first search from every service in file order
   * finds it: a requirement that leads back to a service on the current path closes a cycle, which
   * is reported if it holds a service no earlier cycle held.
   *
   * <p>The search keeps its own stack (a chain of 5,000 requires overflowed the JVM's), the
   * position of each service on the path in a map, and the positions of the services on the path
   * not yet in any reported cycle in a second stack, so that each service and requirement costs
   * O(1): the whole search is linear in services plus requirements.
   */
  private void search(Map<String, List<String>> edges, Map<String, Origin> origins) {
    Set<String> done = new HashSet<>();
    Set<String> reported = new HashSet<>();
    List<String> path = new ArrayList<>();
    List<Integer> nextEdge = new ArrayList<>();
    Map<String, Integer> onPath = new HashMap<>();
    ArrayDeque<Integer> unreported = new ArrayDeque<>();
    for (String root : edges.keySet()) {
      if (done.contains(root)) {
        continue;
      }
      push(root, path, nextEdge, onPath, unreported, reported);
      while (!path.isEmpty()) {
        int top = path.size() - 1;
        String s = path.get(top);
        List<String> out = edges.get(s);
        int i = nextEdge.get(top);
        if (i == out.size()) {
          path.remove(top);
          nextEdge.remove(top);
          onPath.remove(s);
          if (!unreported.isEmpty() && unreported.peek() == top) {
            unreported.pop();
          }
          done.add(s);
          continue;
        }
        nextEdge.set(top, i + 1);
        String next = out.get(i);
        Integer at = onPath.get(next);
        if (at != null) {
          if (!unreported.isEmpty() && unreported.peek() >= at) {
            while (!unreported.isEmpty() && unreported.peek() >= at) {
              reported.add(path.get(unreported.pop()));
            }
            String first = path.get(at);
            errors.add(
                new ModelError(
                    origins.get(first),
                    "services." + first + ".requires",
                    "dependency cycle: "
                        + cycle(path.subList(at, path.size()))
                        + " (requires must not loop)"));
          }
        } else if (!done.contains(next)) {
          push(next, path, nextEdge, onPath, unreported, reported);
        }
      }
    }
  }

  private static void push(
      String s,
      List<String> path,
      List<Integer> nextEdge,
      Map<String, Integer> onPath,
      ArrayDeque<Integer> unreported,
      Set<String> reported) {
    onPath.put(s, path.size());
    if (!reported.contains(s)) {
      unreported.push(path.size());
    }
    path.add(s);
    nextEdge.add(0);
  }

  /**
   * {@code a -> b -> c -> a}; a cycle of more than {@value UserText#MAX_LISTED} services shows the
   * first ones and counts the rest.
   */
  private static String cycle(List<String> members) {
    StringBuilder b = new StringBuilder();
    int shown = Math.min(members.size(), UserText.MAX_LISTED);
    for (int k = 0; k < shown; k++) {
      b.append(UserText.bounded(members.get(k))).append(" -> ");
    }
    if (shown < members.size()) {
      b.append("… (").append(members.size() - shown).append(" more) -> ");
    }
    return b.append(UserText.bounded(members.get(0))).toString();
  }
}
