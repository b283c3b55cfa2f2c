/**
 * The workbench's state without any UI toolkit: the open project document with its command
 * stack ({@link org.mapwright.ui.model.ProjectDocument}), the model edits as pure functions
 * ({@link org.mapwright.ui.model.ProjectEdits}), the compiled view of a mapping the editor draws
 * ({@link org.mapwright.ui.model.MappingModel}), the shared selection and session, and the
 * auto-map suggestion algorithm ({@link org.mapwright.ui.model.AutoMapper}). Nothing here imports
 * SWT, JFace or e4, so it is tested as plain Java.
 */
package org.mapwright.ui.model;
