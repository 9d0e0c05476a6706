package online.niso.node.stack;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import online.niso.common.model.Cidr;

/** Networks in a map; {@code inUse} names networks other services still use (removal refused). */
final class FakeStackNetworks implements StackNetworks {
    final Map<String, Cidr> networks = new TreeMap<>();
    final List<String> inUse = new ArrayList<>();
    final List<String> calls;

    FakeStackNetworks(List<String> calls) {
        this.calls = calls;
    }

    @Override
    public boolean ensure(String name, Cidr subnet) {
        calls.add("ensure network " + name);
        return networks.putIfAbsent(name, subnet) == null;
    }

    @Override
    public boolean removeIfUnused(String name) {
        calls.add("remove network " + name);
        if (inUse.contains(name)) {
            return false;
        }
        return networks.remove(name) != null;
    }

    static List<String> log() {
        return Collections.synchronizedList(new ArrayList<>());
    }
}
