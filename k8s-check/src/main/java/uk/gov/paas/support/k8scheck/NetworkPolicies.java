package uk.gov.paas.support.k8scheck;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

/**
 * Decides whether NetworkPolicies let one endpoint reach another, with the API's semantics: a pod selected
 * by no policy of a direction is open in that direction; a selected pod admits only what some rule of a
 * selecting policy allows; a connection needs both the source's egress and the destination's ingress.
 * Only policies of the rendered overlay are known: pods in other namespaces are taken as unrestricted.
 */
public final class NetworkPolicies {

    /**
     * One side of a connection: a pod (namespace, its labels, its pod labels, its named ports) or an
     * address outside the cluster ({@code ip}).
     */
    public record Endpoint(String name, String namespace, Map<String, String> namespaceLabels,
            Map<String, String> podLabels, Map<String, Integer> namedPorts, String ip) {

        public static Endpoint pod(String name, String namespace, Map<String, String> namespaceLabels,
                Map<String, String> podLabels, Map<String, Integer> namedPorts) {
            return new Endpoint(name, namespace, namespaceLabels, podLabels, namedPorts, null);
        }

        /** A pod in a namespace outside the overlay (only the standard name label is known on it). */
        public static Endpoint foreignPod(String name, String namespace, Map<String, String> podLabels) {
            return pod(name, namespace, Map.of("kubernetes.io/metadata.name", namespace), podLabels, Map.of());
        }

        public static Endpoint external(String name, String ip) {
            return new Endpoint(name, null, Map.of(), Map.of(), Map.of(), ip);
        }

        boolean isPod() {
            return ip == null;
        }
    }

    /** A connection to check, and why it matters. */
    public record Flow(String why, Endpoint from, Endpoint to, int port, String protocol) {
        @Override
        public String toString() {
            return from.name() + " -> " + to.name() + ":" + port + "/" + protocol + " (" + why + ")";
        }
    }

    private final List<NetworkPolicy> policies;
    private final String namespace;

    /** @param namespace the overlay's namespace: the only one whose policies are known */
    public NetworkPolicies(List<NetworkPolicy> policies, String namespace) {
        this.policies = policies;
        this.namespace = namespace;
    }

    /** Empty when allowed; otherwise which direction blocks it and which policies select that side. */
    public Optional<String> blockedBy(Flow flow) {
        if (flow.from().isPod() && namespace.equals(flow.from().namespace())) {
            List<NetworkPolicy> selecting = selecting(flow.from(), "Egress");
            if (!selecting.isEmpty() && selecting.stream().noneMatch(p -> allowsEgress(p, flow))) {
                return Optional.of("egress from " + flow.from().name() + " is allowed by none of " + names(selecting));
            }
        }
        if (flow.to().isPod() && namespace.equals(flow.to().namespace())) {
            List<NetworkPolicy> selecting = selecting(flow.to(), "Ingress");
            if (!selecting.isEmpty() && selecting.stream().noneMatch(p -> allowsIngress(p, flow))) {
                return Optional.of("ingress to " + flow.to().name() + " is allowed by none of " + names(selecting));
            }
        }
        return Optional.empty();
    }

    /** A policy that selects every pod, for both directions, and allows nothing. */
    public boolean hasDefaultDeny() {
        return policies.stream().filter(p -> namespace.equals(Rendered.namespaceOf(p))).anyMatch(p ->
                isEmpty(p.getSpec().getPodSelector())
                        && types(p).containsAll(List.of("Ingress", "Egress"))
                        && (p.getSpec().getIngress() == null || p.getSpec().getIngress().isEmpty())
                        && (p.getSpec().getEgress() == null || p.getSpec().getEgress().isEmpty()));
    }

    private List<NetworkPolicy> selecting(Endpoint pod, String type) {
        return policies.stream()
                .filter(p -> pod.namespace().equals(Rendered.namespaceOf(p)))
                .filter(p -> types(p).contains(type))
                .filter(p -> Selectors.matches(p.getSpec().getPodSelector(), pod.podLabels()))
                .toList();
    }

    static List<String> types(NetworkPolicy p) {
        if (p.getSpec().getPolicyTypes() != null && !p.getSpec().getPolicyTypes().isEmpty()) {
            return p.getSpec().getPolicyTypes();
        }
        List<String> types = new ArrayList<>(List.of("Ingress"));
        if (p.getSpec().getEgress() != null && !p.getSpec().getEgress().isEmpty()) {
            types.add("Egress");
        }
        return types;
    }

    private boolean allowsEgress(NetworkPolicy p, Flow flow) {
        return p.getSpec().getEgress() != null && p.getSpec().getEgress().stream().anyMatch(rule ->
                portsAllow(rule.getPorts(), flow) && peersAllow(rule.getTo(), Rendered.namespaceOf(p), flow.to()));
    }

    private boolean allowsIngress(NetworkPolicy p, Flow flow) {
        return p.getSpec().getIngress() != null && p.getSpec().getIngress().stream().anyMatch(rule ->
                portsAllow(rule.getPorts(), flow) && peersAllow(rule.getFrom(), Rendered.namespaceOf(p), flow.from()));
    }

    private static boolean portsAllow(List<NetworkPolicyPort> ports, Flow flow) {
        if (ports == null || ports.isEmpty()) {
            return true;
        }
        return ports.stream().anyMatch(p -> {
            String protocol = p.getProtocol() == null ? "TCP" : p.getProtocol();
            if (!protocol.equals(flow.protocol())) {
                return false;
            }
            IntOrString port = p.getPort();
            if (port == null) {
                return true;
            }
            if (port.getIntVal() != null) {
                int from = port.getIntVal();
                int to = p.getEndPort() == null ? from : p.getEndPort();
                return flow.port() >= from && flow.port() <= to;
            }
            Integer named = flow.to().namedPorts().get(port.getStrVal());
            return named != null && named == flow.port();
        });
    }

    private static boolean peersAllow(List<NetworkPolicyPeer> peers, String policyNamespace, Endpoint other) {
        if (peers == null || peers.isEmpty()) {
            return true;
        }
        return peers.stream().anyMatch(peer -> peerMatches(peer, policyNamespace, other));
    }

    static boolean peerMatches(NetworkPolicyPeer peer, String policyNamespace, Endpoint other) {
        if (peer.getIpBlock() != null) {
            // pod traffic is matched by selectors; ipBlock is for addresses outside the cluster
            return !other.isPod() && inBlock(other.ip(), peer.getIpBlock());
        }
        if (!other.isPod()) {
            return false;
        }
        boolean namespaceMatches = peer.getNamespaceSelector() != null
                ? Selectors.matches(peer.getNamespaceSelector(), other.namespaceLabels())
                : policyNamespace.equals(other.namespace());
        return namespaceMatches && Selectors.matches(peer.getPodSelector(), other.podLabels());
    }

    static boolean inBlock(String ip, IPBlock block) {
        if (!inCidr(ip, block.getCidr())) {
            return false;
        }
        return block.getExcept() == null || block.getExcept().stream().noneMatch(except -> inCidr(ip, except));
    }

    static boolean inCidr(String ip, String cidr) {
        try {
            String[] parts = cidr.split("/");
            byte[] network = InetAddress.getByName(parts[0]).getAddress();
            byte[] address = InetAddress.getByName(ip).getAddress();
            if (network.length != address.length) {
                return false;
            }
            int bits = Integer.parseInt(parts[1]);
            int width = network.length * 8;
            BigInteger mask = bits == 0 ? BigInteger.ZERO
                    : BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE).shiftRight(width - bits).shiftLeft(width - bits);
            return new BigInteger(1, network).and(mask).equals(new BigInteger(1, address).and(mask));
        } catch (UnknownHostException | RuntimeException e) {
            throw new IllegalArgumentException("not an address/CIDR: " + ip + " in " + cidr, e);
        }
    }

    private static boolean isEmpty(io.fabric8.kubernetes.api.model.LabelSelector s) {
        return s == null || (s.getMatchLabels() == null || s.getMatchLabels().isEmpty())
                && (s.getMatchExpressions() == null || s.getMatchExpressions().isEmpty());
    }

    private static List<String> names(List<NetworkPolicy> policies) {
        return policies.stream().map(p -> p.getMetadata().getName()).toList();
    }
}
