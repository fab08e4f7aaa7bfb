package dev.mixserve.config;

import dev.mixserve.api.Accelerator;
import dev.mixserve.api.Cors;
import dev.mixserve.api.Edge;
import dev.mixserve.api.MixserveConfig;
import dev.mixserve.api.Node;
import dev.mixserve.api.Server;
import dev.mixserve.api.Vendor;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Maps the top of the document, the server and the nodes; deployments have their own reader. */
final class DocumentReader {
  private DocumentReader() {}

  static MixserveConfig read(Doc root) {
    return read(root, DeploymentCheck.NONE);
  }

  static MixserveConfig read(Doc root, DeploymentCheck check) {
    var f = root.fields("server", "nodes", "deployments", "auth");
    Server server = f.opt("server").map(DocumentReader::server).orElse(Server.DEFAULT);
    List<Node> nodes =
        f.opt("nodes")
            .map(d -> d.items().stream().map(DocumentReader::node).toList())
            .orElse(List.of());
    var deployments =
        f.opt("deployments")
            .map(d -> d.items().stream().map(i -> checked(i, check)).toList())
            .orElse(List.of());
    DeploymentReader.checkUnique(f.opt("deployments"), deployments);
    var auth =
        f.opt("auth").map(a -> AuthReader.auth(a, deployments)).orElse(dev.mixserve.api.Auth.OFF);
    return new MixserveConfig(server, nodes, deployments, auth);
  }

  /** A deployment, with what {@code check} finds wrong reported at its engine.kind line. */
  private static dev.mixserve.api.Deployment checked(Doc item, DeploymentCheck check) {
    var d = DeploymentReader.deployment(item);
    var problem = check.problem(d);
    if (problem.isPresent()) {
      throw item.at("engine", "kind").error(problem.get());
    }
    return d;
  }

  private static Server server(Doc d) {
    var f =
        d.fields(
            "host",
            "port",
            "alias_namespace",
            "default_aliases",
            "front",
            "edge",
            "nodes_down_after",
            "cors",
            "tls");
    var def = Server.DEFAULT;
    int port = f.opt("port").map(Doc::asInt).orElse(def.port());
    if (port < 0 || port > 65535) {
      throw f.req("port").error("expected a port in 0..65535, got " + port);
    }
    var front = f.opt("front").map(DocumentReader::front).orElse(def.front());
    var tls = f.opt("tls").map(DocumentReader::tls).orElse(def.tls());
    if (tls.on() && front == Server.Front.OFF) {
      throw f.req("tls").error("tls is served by the front door: remove front: off");
    }
    return new Server(
        f.opt("host").map(Doc::text).orElse(def.host()),
        port,
        f.opt("alias_namespace").map(Doc::text).orElse(def.aliasNamespace()),
        f.opt("default_aliases").map(Doc::asBool).orElse(def.defaultAliases()),
        front,
        f.opt("edge").map(DocumentReader::edge).orElse(def.edge()),
        positive(f, "nodes_down_after", def.nodesDownAfter()),
        f.opt("cors").map(DocumentReader::cors).orElse(def.cors()),
        tls);
  }

  private static dev.mixserve.api.Tls tls(Doc d) {
    var f = d.fields("cert", "key");
    String cert = f.req("cert").text();
    String key = f.req("key").text();
    if (cert.isBlank()) {
      throw f.req("cert").error("expected the path of a PEM certificate chain");
    }
    if (key.isBlank()) {
      throw f.req("key").error("expected the path of a PEM private key");
    }
    return new dev.mixserve.api.Tls(cert, key);
  }

  private static Cors cors(Doc d) {
    var f =
        d.fields("allow_origins", "allow_methods", "allow_headers", "expose_headers", "max_age");
    var def = Cors.OFF;
    var origins = f.opt("allow_origins").map(Doc::asStrings).orElse(def.allowOrigins());
    for (String o : origins) {
      if (!o.equals("*") && !o.matches("https?://[^/\\s]+")) {
        throw f.req("allow_origins")
            .error("expected origins such as https://app.example:8443 or *, got '" + o + "'");
      }
    }
    return new Cors(
        origins,
        f.opt("allow_methods").map(Doc::asStrings).orElse(def.allowMethods()),
        f.opt("allow_headers").map(Doc::asStrings).orElse(def.allowHeaders()),
        f.opt("expose_headers").map(Doc::asStrings).orElse(def.exposeHeaders()),
        f.opt("max_age").map(t -> t.as(Quantities::duration)).orElse(def.maxAge()));
  }

  private static Edge edge(Doc d) {
    var f =
        d.fields(
            "header_timeout",
            "body_timeout",
            "body_min_rate",
            "keepalive_timeout",
            "send_timeout",
            "max_connections",
            "body_memory");
    var def = Edge.DEFAULT;
    var edge =
        new Edge(
            positive(f, "header_timeout", def.headerTimeout()),
            positive(f, "body_timeout", def.bodyTimeout()),
            f.opt("body_min_rate").map(b -> b.as(Quantities::bytes)).orElse(def.bodyMinRate()),
            positive(f, "keepalive_timeout", def.keepAliveTimeout()),
            positive(f, "send_timeout", def.sendTimeout()),
            f.opt("max_connections").map(Doc::asInt).orElse(def.maxConnections()),
            f.opt("body_memory").map(b -> b.as(Quantities::bytes)).orElse(def.bodyMemory()));
    if (edge.maxConnections() < 1) {
      throw f.req("max_connections").error("expected at least 1");
    }
    return edge;
  }

  private static Duration positive(Doc.Fields f, String key, Duration def) {
    var d = f.opt(key).map(t -> t.as(Quantities::duration)).orElse(def);
    if (d.isZero()) {
      throw f.req(key).error("expected a positive duration");
    }
    return d;
  }

  private static Server.Front front(Doc d) {
    String v = d.text();
    return switch (v) {
      case "auto" -> Server.Front.AUTO;
      case "on", "true" -> Server.Front.ON;
      case "off", "false" -> Server.Front.OFF;
      default -> throw d.error("expected auto, on or off, got '" + v + "'");
    };
  }

  private static Node node(Doc d) {
    var f = d.fields("name", "address", "labels", "accelerators");
    var accels = f.opt("accelerators").map(Doc::items).orElse(List.of());
    return new Node(
        f.req("name").text(),
        f.opt("address").map(Doc::text).orElse(""),
        f.opt("labels").map(Doc::asStringMap).orElse(Map.of()),
        accels.stream().map(a -> accelerator(a, accels.indexOf(a))).toList());
  }

  private static Accelerator accelerator(Doc d, int position) {
    var f = d.fields("vendor", "model", "arch", "memory", "unified", "index");
    int index = f.opt("index").map(Doc::asInt).orElse(position);
    if (index < 0) {
      throw f.req("index").error("expected an index >= 0");
    }
    return new Accelerator(
        f.req("vendor").as(Vendor::parse),
        f.opt("model").map(Doc::text).orElse(""),
        f.opt("arch").map(Doc::text).orElse(""),
        f.opt("memory").map(m -> m.as(Quantities::bytes)).orElse(0L),
        f.opt("unified").map(Doc::asBool).orElse(false),
        index);
  }
}
