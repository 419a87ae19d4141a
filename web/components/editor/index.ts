/**
 * The legal document editor.
 *
 *   const [numbering, setNumbering] = createSignal<Numbering>({ nodes: [], byId: new Map() });
 *   const [cursor, setCursor] = createSignal<NumberedNode | null>(null);
 *   let editor: LegalEditorHandle | undefined;
 *   <Outline numbering={numbering()} active={cursor()} onSelect={(id) => editor?.scrollTo(id)} />
 *   <LegalEditor ydoc={ydoc} awareness={provider.awareness} editable={canEdit()}
 *     user={{ name: me.name, agencyShortName: me.agency.shortName, color: agencyColor(me.agency.id) }}
 *     labels={editorLabels[me.locale]} onNumbering={setNumbering} onCursor={setCursor}
 *     onReady={(handle) => (editor = handle)} />
 *
 * LegalEditor props: `ydoc` (the text is its XmlFragment LEGAL_FRAGMENT; read once, key the
 * component on the document), `awareness` (provider.awareness), `editable`, `user` ({ name,
 * agencyShortName, color }), `labels?` (default Vietnamese), `onNumbering?(numbering)` after every
 * change, `onCursor?(unit | null)` with the chapter/article/clause/point at the cursor,
 * `onReady?(handle)` with `scrollTo(id)`, `focus()` and the ProseMirror `view`.
 * Outline props: `numbering`, `onSelect(id)`, `active?`, `labels?`.
 */
export { LegalEditor, type LegalEditorProps, type LegalEditorHandle, type PresenceUser } from './LegalEditor.tsx';
export { Outline, type OutlineProps } from './Outline.tsx';
export { agencyColor } from '../../../shared/agency-colors.ts';
export { editorLabels, type EditorLabels } from './labels.ts';
export { LEGAL_FRAGMENT } from '../../../shared/legal/ydoc.ts';
export type { Numbering, NumberedNode } from '../../../shared/legal/numbering.ts';
