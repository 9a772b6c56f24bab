package io.firedrill.load;

import io.firedrill.dist.UserText;
import io.firedrill.load.yaml.Node;
import io.firedrill.load.yaml.Origin;
import io.firedrill.load.yaml.YamlException;
import io.firedrill.load.yaml.YamlReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code --set PATH=VALUE} overrides, applied to the YAML tree before it is bound, so that an
 * override is validated exactly like the file and its errors name the override.
 *
 * <p>PATH is a dotted key path ({@code sites.east.fire.rate}). A path through a named collection
 * ({@code grids}, {@code networks}, {@code sites}, {@code services}) must name an entry the model
 * has, unless the value is the whole new entry ({@code sites.new={ups: 5m}}): a misspelt name must
 * not create an empty entry used by nothing. Keys of fixed sections missing on the way are created,
 * so an override can add a hazard the file does not have ({@code sites.east.fire.rate=0.01/y}); the
 * binder then reports what else the new section needs, and any unknown key with a did-you-mean.
 * VALUE is read as YAML, so {@code [login, ops]} is a list. An empty VALUE ({@code null}, {@code ~}
 * or nothing) below the top level removes the key, as if the file did not give it: its default
 * applies ({@code services.db.restore_curve=null} lets a {@code --set} of its restore_priority
 * stand), and an error about the section it leaves (a required key now missing) names the override.
 * A key the model does not give is not removed: the empty value is set like any other (refused,
 * with a "did you mean" for a misspelt key). At the top level an empty value is a value like any
 * other ({@code sites=null}: no sites given).
 */
public final class Overrides {
  /** The named collections, and the word for one of their entries (from {@link ModelSchema}). */
  private static final Map<String, String> COLLECTIONS =
      ModelSchema.collections().stream()
          .collect(Collectors.toUnmodifiableMap(KeySpec::name, k -> k.type().names()));

  private Overrides() {}

  /** Applies {@code overrides} in order to {@code root}; later ones win. */
  public static void apply(Node root, List<String> overrides) throws ModelException {
    List<ModelError> errors = new ArrayList<>();
    for (String text : overrides) {
      try {
        applyOne(root, text);
      } catch (ModelException e) {
        errors.addAll(e.errors());
      }
    }
    if (!errors.isEmpty()) {
      throw new ModelException(errors);
    }
  }

  /** Checks the form PATH=VALUE of every override without a model (for early usage errors). */
  public static void checkSyntax(List<String> overrides) throws ModelException {
    List<ModelError> errors = new ArrayList<>();
    for (String text : overrides) {
      try {
        split(text);
      } catch (ModelException e) {
        errors.addAll(e.errors());
      }
    }
    if (!errors.isEmpty()) {
      throw new ModelException(errors);
    }
  }

  private static void applyOne(Node root, String text) throws ModelException {
    String[] pathAndValue = split(text);
    String[] keys = pathAndValue[0].split("\\.", -1);
    Origin origin = Origin.override(text);
    Node value;
    try {
      value = YamlReader.readOverrideValue(text, pathAndValue[0], pathAndValue[1]);
    } catch (YamlException e) {
      throw ModelException.of(e);
    }
    if (!(root instanceof Node.Mapping node)) {
      throw new ModelException(new ModelError(origin, "", "the model is not a mapping"));
    }
    checkEntry(node, keys, origin);
    if (keys.length > 1
        && value instanceof Node.Scalar s
        && s.isNull()
        && remove(node, keys, origin)) {
      return;
    }
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < keys.length - 1; i++) {
      path.append(i > 0 ? "." : "").append(keys[i]);
      Node.Mapping.Entry e = node.get(keys[i]);
      if (e == null) {
        Node.Mapping created = new Node.Mapping(origin);
        node.put(keys[i], origin, created);
        node = created;
      } else if (e.value() instanceof Node.Mapping m) {
        node = m;
      } else {
        throw new ModelException(
            new ModelError(
                origin,
                path.toString(),
                "is "
                    + e.value().kind()
                    + ", not a mapping, so it has no key "
                    + UserText.quote(keys[i + 1])));
      }
    }
    node.put(keys[keys.length - 1], origin, value);
  }

  /**
   * Removes the key at {@code keys} (at least two) if the model gives it, and says whether it did
   * (else the empty value is set like any other, so that a misspelt key gets its "did you mean" and
   * a key the model lacks is refused, naming the override). Its section becomes a copy whose own
   * origin is the override, so that what the binder finds missing or clashing there is put on the
   * override that removed it ({@code TreeReader.Section#removal}).
   */
  private static boolean remove(Node.Mapping root, String[] keys, Origin origin) {
    Node.Mapping grand = null;
    Node.Mapping node = root;
    for (int i = 0; i < keys.length - 1; i++) {
      Node.Mapping.Entry e = node.get(keys[i]);
      if (e == null || !(e.value() instanceof Node.Mapping m)) {
        return false;
      }
      grand = node;
      node = m;
    }
    String last = keys[keys.length - 1];
    if (node.get(last) == null) {
      return false;
    }
    Node.Mapping copy = new Node.Mapping(origin);
    for (Node.Mapping.Entry e : node.entries()) {
      if (!e.key().equals(last)) {
        copy.put(e.key(), e.keyOrigin(), e.value());
      }
    }
    String parent = keys[keys.length - 2];
    grand.put(parent, grand.get(parent).keyOrigin(), copy);
    return true;
  }

  /**
   * Refuses a path that goes through an entry of a named collection the model does not have, such
   * as {@code sites.nowhere.ups}: that would create an empty entry used by nothing.
   */
  private static void checkEntry(Node.Mapping root, String[] keys, Origin origin)
      throws ModelException {
    String what = COLLECTIONS.get(keys[0]);
    if (what == null || keys.length < 3) {
      return;
    }
    Node.Mapping.Entry collection = root.get(keys[0]);
    List<String> known = new ArrayList<>();
    if (collection != null) {
      if (!(collection.value() instanceof Node.Mapping entries)) {
        return; // reported below as "is a value, not a mapping"
      }
      entries.entries().forEach(e -> known.add(e.key()));
    }
    if (collection != null && ((Node.Mapping) collection.value()).get(keys[1]) != null) {
      checkZone(((Node.Mapping) collection.value()).get(keys[1]), keys, origin);
      return;
    }
    throw new ModelException(
        new ModelError(
            origin,
            keys[0] + "." + keys[1],
            TreeReader.unknown(what, keys[1], known, new NearNames())
                + "; to add a "
                + what
                + " give it whole: --set '"
                + keys[0]
                + "."
                + UserText.bounded(keys[1])
                + "={...}'"));
  }

  /**
   * Refuses a path through a zone the site does not have ({@code sites.a.zones.hh.fault.rate}), as
   * {@link #checkEntry} refuses one through a site it does not have.
   */
  private static void checkZone(Node.Mapping.Entry site, String[] keys, Origin origin)
      throws ModelException {
    String zonesKey = ModelSchema.SiteKeys.ZONES.name();
    if (!keys[0].equals("sites") || keys.length < 5 || !keys[2].equals(zonesKey)) {
      return;
    }
    List<String> known = new ArrayList<>();
    if (site.value() instanceof Node.Mapping siteMap && siteMap.get(zonesKey) != null) {
      if (!(siteMap.get(zonesKey).value() instanceof Node.Mapping zones)) {
        return; // reported below as "is a value, not a mapping"
      }
      if (zones.get(keys[3]) != null) {
        return;
      }
      zones.entries().forEach(e -> known.add(e.key()));
    }
    String at = keys[0] + "." + keys[1] + "." + zonesKey;
    throw new ModelException(
        new ModelError(
            origin,
            at + "." + keys[3],
            TreeReader.unknown("zone", keys[3], known, new NearNames())
                + "; to add a zone give it whole: --set '"
                + at
                + "."
                + UserText.bounded(keys[3])
                + "={share: ...}'"));
  }

  private static String[] split(String text) throws ModelException {
    Origin origin = Origin.override(text);
    int eq = text.indexOf('=');
    if (eq < 0) {
      throw new ModelException(
          new ModelError(
              origin, "", "expected PATH=VALUE, for example sites.east.fire.rate=0.01/y"));
    }
    String path = UserText.strip(text.substring(0, eq));
    if (path.isEmpty() || !path.matches("[A-Za-z0-9_/-]+(\\.[A-Za-z0-9_/-]+)*")) {
      throw new ModelException(
          new ModelError(
              origin,
              "",
              UserText.quote(path)
                  + " is not a key path (expected dotted keys such as services.talk.standby.west, a zone as SITE/ZONE)"));
    }
    return new String[] {path, UserText.strip(text.substring(eq + 1))};
  }
}
