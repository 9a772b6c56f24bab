package io.firedrill.load;

import io.firedrill.dist.UserText;
import io.firedrill.load.yaml.Node;
import io.firedrill.load.yaml.Origin;
import io.firedrill.load.yaml.YamlException;
import io.firedrill.load.yaml.YamlReader;
import io.firedrill.model.Model;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads a model file, applies {@code --set} overrides and validates the result
 * (docs/model-format.md).
 *
 * <p>With no file named, the bundled {@value #DEFAULT_MODEL} is used: the copy in the working
 * directory when there is one (so that an edit there takes effect), else the copy inside the jar.
 */
public final class ModelLoader {
  /** The model a command uses when none is named. */
  public static final String DEFAULT_MODEL = "models/kakao-pangyo-2022.yaml";

  private ModelLoader() {}

  /**
   * A validated model with what it was made from, and the warnings about it (findings that do not
   * stop a run: see {@link ModelWarning}), in file order.
   *
   * @param tree the file as read, with the overrides applied: what {@link SchemaText} describes
   */
  public record Loaded(
      Model model,
      String source,
      String sha256,
      List<String> overrides,
      List<ModelWarning> warnings,
      Node.Mapping tree) {
    public Loaded {
      overrides = List.copyOf(overrides);
      warnings = List.copyOf(warnings);
    }
  }

  /** Loads {@code file}, or the default model when it is null. */
  public static Loaded load(Path file, List<String> overrides) throws ModelException {
    Overrides.checkSyntax(overrides);
    if (file == null) {
      Path local = Path.of(DEFAULT_MODEL);
      if (Files.isRegularFile(local)) {
        return parse(DEFAULT_MODEL, read(local, DEFAULT_MODEL), overrides);
      }
      Loaded bundled = parse(DEFAULT_MODEL, bundled(DEFAULT_MODEL), overrides);
      return new Loaded(
          bundled.model(),
          DEFAULT_MODEL + " (the copy inside the jar)",
          bundled.sha256(),
          overrides,
          bundled.warnings(),
          bundled.tree());
    }
    return parse(file.toString(), read(file, file.toString()), overrides);
  }

  /** Validates a model given as bytes; {@code source} names it in errors. */
  public static Loaded parse(String source, byte[] bytes, List<String> overrides)
      throws ModelException {
    Node root;
    try {
      root = YamlReader.readFile(source, bytes);
    } catch (YamlException e) {
      throw ModelException.of(e);
    }
    Overrides.apply(root, overrides);
    ModelBinder.Bound bound = ModelBinder.bind(root);
    return new Loaded(
        bound.model(),
        source,
        sha256(bytes, overrides),
        overrides,
        bound.warnings(),
        (Node.Mapping) root);
  }

  /** The bytes of a model shipped inside the jar, e.g. {@code models/three-site-example.yaml}. */
  public static byte[] bundled(String name) throws ModelException {
    try (InputStream in = ModelLoader.class.getResourceAsStream("/" + name)) {
      if (in == null) {
        throw new ModelException(new ModelError(Origin.file(name), "", "no such bundled model"));
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new ModelException(
          new ModelError(Origin.file(name), "", "cannot read the bundled model"));
    }
  }

  /**
   * The bytes of {@code file}, reading at most {@link YamlReader#MAX_BYTES} + 1 whatever size the
   * file system reports (0 for devices and pipes such as /dev/zero), so that no input can make the
   * loader hold more than that.
   */
  static byte[] read(Path file, String name) throws ModelException {
    try {
      if (Files.isDirectory(file)) {
        throw fileError(name, "is a directory, not a model file");
      }
      long size = Files.size(file);
      if (size > YamlReader.MAX_BYTES) {
        throw tooLarge(name, size + " bytes");
      }
      try (InputStream in = Files.newInputStream(file)) {
        byte[] bytes = in.readNBytes(YamlReader.MAX_BYTES + 1);
        if (bytes.length > YamlReader.MAX_BYTES) {
          throw tooLarge(name, "more than " + YamlReader.MAX_BYTES + " bytes");
        }
        return bytes;
      }
    } catch (NoSuchFileException e) {
      throw fileError(name, "no such file");
    } catch (AccessDeniedException e) {
      throw fileError(name, "permission denied");
    } catch (FileSystemException e) {
      throw fileError(
          name, "cannot read: " + (e.getReason() != null ? e.getReason() : "I/O error"));
    } catch (IOException e) {
      throw fileError(
          name,
          "cannot read: "
              + (e.getMessage() != null
                  ? UserText.bounded(e.getMessage(), UserText.MAX_PLACE)
                  : "I/O error"));
    }
  }

  private static ModelException tooLarge(String name, String size) {
    return fileError(
        name,
        "file is too large: "
            + size
            + " (a model may have at most "
            + YamlReader.MAX_BYTES
            + " bytes)");
  }

  private static ModelException fileError(String name, String message) {
    return new ModelException(new ModelError(Origin.file(name), "", message));
  }

  /**
   * SHA-256, hexadecimal, of {@code bytes} followed by each override (a 0 byte, then its UTF-8):
   * for a model file and its {@code --set} values, two runs with equal hashes ran the same model;
   * with no overrides, the hash of the bytes alone (an input file's, for run.json).
   */
  public static String sha256(byte[] bytes, List<String> overrides) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(bytes);
      for (String o : overrides) {
        md.update((byte) 0);
        md.update(o.getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
