package dev.mixserve.k8s.discovery;

import dev.mixserve.api.WorkerDiscovery;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The workers a head routes to, from the EndpointSlices of their Services ({@code mixserve render
 * k8s} makes a headless Service per node, labelled {@code mixserve.dev/node}): a node's address is
 * a ready endpoint of its slices. The informer keeps its cache while the API server cannot be
 * reached, so the head keeps the last workers it knew; that is logged once.
 */
public final class EndpointSliceDiscovery implements WorkerDiscovery {
  /** The label on a worker's Service (copied to its EndpointSlices) naming its node. */
  public static final String NODE_LABEL = "mixserve.dev/node";

  private static final System.Logger LOG = System.getLogger(EndpointSliceDiscovery.class.getName());

  private final SharedIndexInformer<EndpointSlice> informer;
  private final Map<String, String> addresses = new ConcurrentHashMap<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  /** Watches the EndpointSlices labelled with a node in {@code namespace}. */
  public EndpointSliceDiscovery(KubernetesClient client, String namespace) {
    // made, then handled, then started: its first events come from the initial list at once,
    // and they read the store through this field
    this.informer =
        client
            .discovery()
            .v1()
            .endpointSlices()
            .inNamespace(namespace)
            .runnableInformer(60_000); // the label is checked here: fewer API server features
    informer.addEventHandler(new Handler());
    informer
        .stopped()
        .whenComplete(
            (v, e) -> {
              if (e != null) {
                LOG.log(Level.WARNING, "EndpointSlice informer stopped; keeping " + addresses, e);
              }
            });
    informer.start();
  }

  @Override
  public Optional<String> address(String node) {
    return Optional.ofNullable(addresses.get(node));
  }

  @Override
  public boolean dynamic() {
    return true;
  }

  @Override
  public void onChange(Runnable r) {
    listeners.add(r);
  }

  /** Every node's slices again, from the informer's cache: one truth, whatever the event. */
  private void refresh() {
    var now = new java.util.HashMap<String, String>();
    for (EndpointSlice s : informer.getStore().list()) {
      var labels = s.getMetadata().getLabels();
      String node = labels == null ? null : labels.get(NODE_LABEL);
      if (node != null) {
        address(s).ifPresent(a -> now.putIfAbsent(node, a));
      }
    }
    if (!now.equals(addresses)) {
      addresses.keySet().retainAll(now.keySet());
      addresses.putAll(now);
      LOG.log(Level.INFO, "workers now at " + new java.util.TreeMap<>(now));
      listeners.forEach(Runnable::run);
    }
  }

  /** The first ready endpoint of the slice, on its port named http (or its only port). */
  static Optional<String> address(EndpointSlice s) {
    if (s.getPorts() == null || s.getPorts().isEmpty() || s.getEndpoints() == null) {
      return Optional.empty();
    }
    var port =
        s.getPorts().stream()
            .filter(p -> "http".equals(p.getName()))
            .findFirst()
            .orElse(s.getPorts().getFirst());
    for (Endpoint e : s.getEndpoints()) {
      boolean ready =
          e.getConditions() == null || !Boolean.FALSE.equals(e.getConditions().getReady());
      if (ready && e.getAddresses() != null && !e.getAddresses().isEmpty()) {
        String ip = e.getAddresses().getFirst();
        String host = ip.contains(":") ? "[" + ip + "]" : ip; // IPv6
        return Optional.of("http://" + host + ":" + port.getPort());
      }
    }
    return Optional.empty();
  }

  private final class Handler implements ResourceEventHandler<EndpointSlice> {
    @Override
    public void onAdd(EndpointSlice s) {
      refresh();
    }

    @Override
    public void onUpdate(EndpointSlice before, EndpointSlice after) {
      refresh();
    }

    @Override
    public void onDelete(EndpointSlice s, boolean finalStateUnknown) {
      refresh();
    }
  }

  @Override
  public void close() {
    informer.close();
  }
}
