package dev.jwasm.api.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.model.ValType;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks the hand-written signatures against the naming rules of the text format (spec
 * 6.5): "t.op" works on t, comparisons give i32, "t1.op_t2" converts from t2, SIMD shapes work on
 * v128. A typo in either the mnemonic or the signature breaks one of these rules.
 */
class OpcodeSignatureTest {
    private static final Set<String> COMPARISONS = Set.of("eqz", "eq", "ne", "lt", "gt", "le", "ge");

    private static ValType scalar(String name) {
        return switch (name) {
            case "i32" -> ValType.I32;
            case "i64" -> ValType.I64;
            case "f32" -> ValType.F32;
            case "f64" -> ValType.F64;
            default -> throw new IllegalArgumentException(name);
        };
    }

    @Test
    void scalarNumericOperators() {
        int checked = 0;
        for (Opcode op : Opcode.values()) {
            boolean numeric = op.prefix() == 0 && op.code() >= 0x45 && op.code() <= 0xC4
                    || op.prefix() == Opcode.MISC_PREFIX && op.code() <= 7;
            if (!numeric) {
                continue;
            }
            checked++;
            String[] parts = op.mnemonic().split("\\.");
            ValType t = scalar(parts[0]);
            String name = parts[1];
            String base = name.replaceAll("_[su]$", "");
            assertTrue(op.hasFixedSignature(), op.mnemonic());
            assertEquals(1, op.results().size(), op.mnemonic());
            if (COMPARISONS.contains(base)) {
                assertEquals(ValType.I32, op.results().getFirst(), op.mnemonic());
                assertEquals(base.equals("eqz") ? List.of(t) : List.of(t, t), op.operands(), op.mnemonic());
            } else if (name.matches(".*_[if](32|64)(_[su])?$")
                    && !name.startsWith("extend8")
                    && !name.startsWith("extend16")) {
                // Conversion t.op_t2: one operand of type t2 (extend32_s and the like are unary t -> t).
                String from = name.replaceAll(".*_([if](32|64))(_[su])?$", "$1");
                if (name.matches("extend32_s")) {
                    assertEquals(List.of(t), op.operands(), op.mnemonic());
                } else {
                    assertEquals(List.of(scalar(from)), op.operands(), op.mnemonic());
                }
                assertEquals(t, op.results().getFirst(), op.mnemonic());
            } else {
                assertEquals(t, op.results().getFirst(), op.mnemonic());
                assertTrue(op.operands().stream().allMatch(t::equals), op.mnemonic());
            }
        }
        assertEquals(0xC4 - 0x45 + 1 + 8, checked);
    }

    @Test
    void simdOperatorsWorkOnV128() {
        for (Opcode op : Opcode.values()) {
            if (op.prefix() != Opcode.SIMD_PREFIX || !op.hasFixedSignature() || op.accessBytes() > 0) {
                continue;
            }
            String name = op.mnemonic();
            List<ValType> ops = op.operands();
            if (name.endsWith(".splat") || name.equals("v128.const")) {
                assertEquals(List.of(ValType.V128), op.results(), name);
            } else if (name.contains("extract_lane")
                    || name.endsWith("all_true")
                    || name.endsWith("bitmask")
                    || name.endsWith("any_true")) {
                assertEquals(List.of(ValType.V128), ops, name);
                assertTrue(op.results().getFirst() != ValType.V128, name);
            } else if (name.contains("replace_lane") || name.matches(".*\\.sh(l|r_s|r_u)$")) {
                assertEquals(ValType.V128, ops.getFirst(), name);
                assertEquals(2, ops.size(), name);
                assertTrue(ops.get(1) != ValType.V128, name);
                assertEquals(List.of(ValType.V128), op.results(), name);
            } else {
                assertTrue(ops.stream().allMatch(ValType.V128::equals), name);
                assertTrue(!ops.isEmpty(), name);
                assertEquals(List.of(ValType.V128), op.results(), name);
            }
        }
    }

    @Test
    void memoryAccessWidthMatchesTheMnemonic() {
        for (Opcode op : Opcode.values()) {
            if (op.accessBytes() == 0) {
                continue;
            }
            String name = op.mnemonic();
            var m = Pattern.compile("(load|store|rmw)(8|16|32|64)").matcher(name);
            int expected;
            if (name.contains("x")) {
                expected = name.startsWith("v128.load") && name.matches(".*load\\d+x\\d+.*") ? 8 : -1;
            } else {
                expected = -1;
            }
            if (expected < 0) {
                if (m.find() && !name.contains("_lane") && !name.contains("_splat") && !name.contains("_zero")) {
                    expected = Integer.parseInt(m.group(2)) / 8;
                } else if (name.contains("_lane") || name.contains("_splat") || name.contains("_zero")) {
                    var n = Pattern.compile("(\\d+)_(lane|splat|zero)").matcher(name);
                    assertTrue(n.find(), name);
                    expected = Integer.parseInt(n.group(1)) / 8;
                } else if (name.startsWith("v128.")) {
                    expected = 16;
                } else if (name.startsWith("memory.atomic.wait64")
                        || name.startsWith("i64.")
                        || name.startsWith("f64.")) {
                    expected = 8;
                } else {
                    expected = 4;
                }
            }
            assertEquals(expected, op.accessBytes(), name);
        }
    }
}
