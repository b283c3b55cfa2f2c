package org.mapwright.ui.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.contentassist.CompletionProposal;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.contentassist.IContentAssistProcessor;
import org.eclipse.jface.text.contentassist.IContextInformation;
import org.eclipse.jface.text.contentassist.IContextInformationValidator;
import org.eclipse.swt.graphics.Image;
import org.mapwright.core.DataType;
import org.mapwright.engine.expr.ExpressionTokens;
import org.mapwright.engine.expr.FieldRef;
import org.mapwright.engine.expr.FunctionInfo;
import org.mapwright.engine.expr.FunctionRegistry;
import org.mapwright.engine.expr.Scope;
import org.mapwright.internal.ui.UiResources;

/**
 * Content assist for expressions: the fields in the mapping's scope (with their types), the
 * functions of the engine's registry (signature and one-line doc) and the keywords, filtered by
 * the word before the caret. A function is inserted with its parentheses and the caret between
 * them.
 */
public final class ExpressionAssist implements IContentAssistProcessor {

    private final Supplier<Scope> scope;
    private final FunctionRegistry functions;
    private final UiResources res;

    /**
     * @param scope     the current scope (changes with the project), null scope means no fields
     * @param functions the functions expressions may call
     * @param res       icons, or null (tests)
     */
    public ExpressionAssist(Supplier<Scope> scope, FunctionRegistry functions, UiResources res) {
        this.scope = scope;
        this.functions = functions;
        this.res = res;
    }

    @Override
    public ICompletionProposal[] computeCompletionProposals(ITextViewer viewer, int offset) {
        return proposals(viewer.getDocument(), offset).toArray(new ICompletionProposal[0]);
    }

    /** @return the proposals at a caret offset of a document */
    public List<ICompletionProposal> proposals(IDocument doc, int offset) {
        String prefix = prefix(doc, offset);
        String lower = prefix.toLowerCase(Locale.ROOT);
        int start = offset - prefix.length();
        List<ICompletionProposal> out = new ArrayList<>();
        Scope s = scope.get();
        if (s != null) {
            for (String name : s.names()) {
                if (name.toLowerCase(Locale.ROOT).startsWith(lower) || unquoted(name).toLowerCase(Locale.ROOT).startsWith(lower)) {
                    Scope.Resolution r = s.resolve(segments(name));
                    DataType type = r.isFound() ? r.field().type() : DataType.ANY;
                    String display = name + " : " + type.id() + (r.isFound() && r.field().repeated() ? "[]" : "");
                    out.add(new CompletionProposal(name, start, prefix.length(), name.length(), image(type), display, null,
                            r.isFound() ? describe(r.field()) : null));
                }
            }
        }
        if (!prefix.contains(".")) {
            for (FunctionInfo f : functions.functions()) {
                if (f.name().startsWith(lower) || f.aliases().stream().anyMatch(a -> a.startsWith(lower))) {
                    String insert = f.name() + "()";
                    int caret = f.maxArity() == 0 ? insert.length() : insert.length() - 1;
                    String display = f.name() + "(" + params(f) + ") — " + f.doc();
                    String info = String.join("\n", f.signatures().stream().map(sig -> sig.render(f.name())).toList()) + "\n\n"
                            + f.doc() + "\n\nExample: " + f.example();
                    out.add(new CompletionProposal(insert, start, prefix.length(), caret, null, display, null, info));
                }
            }
            for (String k : ExpressionTokens.keywords()) {
                if (!lower.isEmpty() && k.toLowerCase(Locale.ROOT).startsWith(lower)) {
                    out.add(new CompletionProposal(k, start, prefix.length(), k.length(), null, k + " — keyword", null, null));
                }
            }
        }
        return out;
    }

    private Image image(DataType t) {
        return res == null ? null : res.typeIcon(t);
    }

    private static String params(FunctionInfo f) {
        FunctionInfo.Signature sig = f.signatures().get(0);
        List<String> p = new ArrayList<>();
        for (FunctionInfo.Param param : sig.params()) {
            p.add(param.name());
        }
        return String.join(", ", p) + (sig.variadic() ? ", …" : "");
    }

    private static String describe(FieldRef f) {
        return f.qualifiedPath() + " : " + f.type().id() + (f.repeated() ? " (repeated)" : "");
    }

    /** @return the identifier-like text (letters, digits, _, ., ") directly before the offset */
    static String prefix(IDocument doc, int offset) {
        try {
            int i = offset;
            while (i > 0) {
                char c = doc.getChar(i - 1);
                if (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '"') {
                    i--;
                } else {
                    break;
                }
            }
            return doc.get(i, offset - i);
        } catch (BadLocationException e) {
            return "";
        }
    }

    private static String unquoted(String name) {
        return name.replace("\"", "");
    }

    /** Splits a name as listed by {@link Scope#names()} into unquoted segments. */
    static List<String> segments(String name) {
        List<String> out = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < name.length() && name.charAt(i + 1) == '"') {
                    b.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == '.' && !quoted) {
                out.add(b.toString());
                b.setLength(0);
            } else {
                b.append(c);
            }
        }
        out.add(b.toString());
        return out;
    }

    @Override
    public IContextInformation[] computeContextInformation(ITextViewer viewer, int offset) {
        return null;
    }

    @Override
    public char[] getCompletionProposalAutoActivationCharacters() {
        return new char[] {'.'};
    }

    @Override
    public char[] getContextInformationAutoActivationCharacters() {
        return null;
    }

    @Override
    public String getErrorMessage() {
        return "No field or function starts like this.";
    }

    @Override
    public IContextInformationValidator getContextInformationValidator() {
        return null;
    }
}
