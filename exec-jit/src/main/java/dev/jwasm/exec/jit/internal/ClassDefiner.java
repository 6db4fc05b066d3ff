package dev.jwasm.exec.jit.internal;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.field.FieldList;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.modifier.SyntheticState;
import net.bytebuddy.description.modifier.TypeManifestation;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.dynamic.scaffold.subclass.ConstructorStrategy;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.implementation.bytecode.ByteCodeAppender;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.pool.TypePool;

/**
 * Defines a module's generated class through Byte Buddy: a public final synthetic subclass of
 * {@code Object} implementing {@link JitCode}, its constructor Byte Buddy's, {@link
 * JitCode#invoke} a {@link ByteCodeAppender}, and the static methods of the functions emitted
 * into Byte Buddy's class writer (an {@link AsmVisitorWrapper}: they are many and their bodies
 * come from {@link FunctionCompiler}). It is loaded as a hidden class of this package ({@link
 * HiddenClasses}), unloaded once nothing uses it.
 */
final class ClassDefiner {
    /**
     * {@code -Djwasm.jit.dump=DIR} writes each generated class to {@code DIR/WasmModule-N.class}
     * (for {@code javap -c -p}), to read what the JIT emitted.
     */
    private static final String DUMP = System.getProperty("jwasm.jit.dump");

    private static final AtomicInteger DUMPED = new AtomicInteger();

    private ClassDefiner() {}

    private static void dump(byte[] bytes) {
        Path file = Path.of(DUMP, "WasmModule-" + DUMPED.incrementAndGet() + ".class");
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            System.getLogger(ClassDefiner.class.getName())
                    .log(System.Logger.Level.WARNING, "cannot dump the generated class to " + file, e);
        }
    }

    /**
     * The generated class, its static methods emitted by {@code members}, {@code invoke}'s body
     * (after its code starts; its stack sizes and frames are computed) by {@code invoke}; {@code
     * classData} (null: none) is what {@link MethodHandles#classData} gives its code.
     */
    static JitCode define(Consumer<ClassVisitor> members, Consumer<MethodVisitor> invoke, Object classData)
            throws ReflectiveOperationException {
        ByteCodeAppender invokeBody = (mv, context, method) -> {
            invoke.accept(mv);
            return new ByteCodeAppender.Size(0, 0);
        };
        var unloaded = new ByteBuddy(ClassFileVersion.JAVA_V21)
                .with(TypeValidation.DISABLED)
                .subclass(Object.class, ConstructorStrategy.Default.DEFAULT_CONSTRUCTOR)
                .name(ModuleCompiler.CLASS_NAME.replace('/', '.'))
                .modifiers(Visibility.PUBLIC, TypeManifestation.FINAL, SyntheticState.SYNTHETIC)
                .implement(JitCode.class)
                .method(ElementMatchers.named("invoke"))
                .intercept(new Implementation.Simple(invokeBody))
                .visit(new Members(members))
                .make();
        if (DUMP != null) {
            dump(unloaded.getBytes());
        }
        Class<?> type = unloaded.load(JitCode.class.getClassLoader(), new HiddenClasses(classData))
                .getLoaded();
        return (JitCode) type.getDeclaredConstructor().newInstance();
    }

    /** Adds the functions' methods at the end of the class, and has the writer compute frames. */
    private record Members(Consumer<ClassVisitor> members) implements AsmVisitorWrapper {
        @Override
        public int mergeWriter(int flags) {
            return flags | ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS;
        }

        @Override
        public int mergeReader(int flags) {
            return flags;
        }

        @Override
        public ClassVisitor wrap(
                TypeDescription instrumentedType,
                ClassVisitor classVisitor,
                Implementation.Context implementationContext,
                TypePool typePool,
                FieldList<FieldDescription.InDefinedShape> fields,
                MethodList<?> methods,
                int writerFlags,
                int readerFlags) {
            return new ClassVisitor(Opcodes.ASM9, classVisitor) {
                @Override
                public void visitEnd() {
                    members.accept(cv);
                    super.visitEnd();
                }
            };
        }
    }

    /**
     * Byte Buddy's loading step for hidden classes: each type becomes a hidden class nestled in
     * this package ({@link MethodHandles.Lookup#defineHiddenClass}), which the JVM unloads with
     * the last reference to it, as a module's code should be.
     */
    private record HiddenClasses(Object classData) implements ClassLoadingStrategy<ClassLoader> {
        @Override
        public Map<TypeDescription, Class<?>> load(ClassLoader classLoader, Map<TypeDescription, byte[]> types) {
            var loaded = new LinkedHashMap<TypeDescription, Class<?>>();
            for (var e : types.entrySet()) {
                try {
                    loaded.put(
                            e.getKey(),
                            (classData == null
                                            ? MethodHandles.lookup().defineHiddenClass(e.getValue(), true)
                                            : MethodHandles.lookup()
                                                    .defineHiddenClassWithClassData(e.getValue(), classData, true))
                                    .lookupClass());
                } catch (IllegalAccessException ex) {
                    throw new IllegalStateException("cannot define the generated class", ex);
                }
            }
            return loaded;
        }
    }
}
