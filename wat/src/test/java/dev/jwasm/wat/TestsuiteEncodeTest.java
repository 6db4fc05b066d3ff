package dev.jwasm.wat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.InvalidModuleException;
import dev.jwasm.api.MalformedModuleException;
import dev.jwasm.api.WasmModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Every text module that the testsuite expects to be well-formed encodes to a binary module. */
class TestsuiteEncodeTest {

    /**
     * The independent binary decoder must read the bytes as well-formed. Only malformedness is
     * checked: validity is the validator's job, and the decoder reports a few validity rules
     * (limits beyond its model) early as {@link InvalidModuleException}.
     */
    private static void decodes(byte[] bin, boolean expectedInvalid) {
        try {
            WasmModule.decode(bin);
        } catch (InvalidModuleException e) {
            // well-formed but invalid: fine here
        } catch (MalformedModuleException e) {
            // An invalid module that uses a data index in a constant expression (array.new_data in
            // a global) cannot be ordered before the data count section in binary (spec 5.5.16).
            if (!(expectedInvalid && e.getMessage().startsWith("data count section required"))) {
                throw e;
            }
        }
    }

    @Test
    void everyWellFormedTextModuleEncodes() throws IOException {
        var failures = new ArrayList<String>();
        int encoded = 0;
        for (var p : TestsuiteParseTest.allScripts()) {
            if (p.toString().contains("custom-descriptors") || p.toString().contains("wide-arithmetic")) {
                // Proposals beyond Wasm 3.0: their opcodes and type forms are not in the shared table.
                continue;
            }
            var script = WastScript.parse(Files.readString(p, StandardCharsets.UTF_8), p.toString());
            for (var c : script.commands()) {
                // Malformed modules are meant to fail; every other command's text module must encode.
                if (c instanceof WastCommand.AssertMalformed || c instanceof WastCommand.AssertMalformedCustom) {
                    continue;
                }
                ModuleSource src =
                        switch (c) {
                            case WastCommand.Module mod -> mod.source();
                            case WastCommand.AssertInvalid a -> a.module();
                            case WastCommand.AssertUnlinkable a -> a.module();
                            case WastCommand.AssertUninstantiable a -> a.module();
                            case WastCommand.AssertInvalidCustom a -> a.module();
                            default -> null;
                        };
                String text =
                        switch (src) {
                            case ModuleSource.Text t -> t.text();
                            case ModuleSource.Quote q -> q.text();
                            case null, default -> null;
                        };
                if (text == null) {
                    continue;
                }
                try {
                    byte[] bin = Wat.toBinary(text);
                    // Every binary module starts with the magic and version (spec 5.5.16).
                    assertArrayEquals(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}, Arrays.copyOf(bin, 8));
                    // The independent binary decoder must read it back as well-formed.
                    if (!p.toString().contains("custom-page-sizes")) {
                        // The decoder reads custom page sizes only when that proposal is enabled.
                        decodes(bin, c instanceof WastCommand.AssertInvalid);
                    }
                    encoded++;
                } catch (WatException | MalformedModuleException e) {
                    failures.add(p.getFileName() + ":" + c.pos() + ": " + e.getMessage());
                }
            }
        }
        assertTrue(
                failures.isEmpty(),
                failures.size() + " modules failed (" + encoded + " encoded):\n"
                        + String.join("\n", failures.subList(0, Math.min(80, failures.size()))));
    }
}
