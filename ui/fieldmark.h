#pragma once

#include <QLabel>

class QFormLayout;
class QLineEdit;

#include <QMap>

enum class MarkSeverity { None, Error, Warning };

// What to show on one field: its severity and the message.
struct Mark {
    MarkSeverity severity = MarkSeverity::None;
    QString message;
};
// Marks keyed by the dotted paths the server and the validator use ("identification.email").
// Editors take the paths they own out of the map; what is left matched no widget.
using MarkMap = QMap<QString, Mark>;

// The line under a field that says what is wrong with it; hidden while there is nothing
// to say. It displays a value, so it is described, never named, for screen readers.
class FieldMessage : public QLabel {
    Q_OBJECT
public:
    explicit FieldMessage(QWidget *parent = nullptr);
    void showMessage(MarkSeverity severity, const QString &text);
    void clearMessage() { showMessage(MarkSeverity::None, {}); }
    MarkSeverity severity() const { return m_severity; }

private:
    MarkSeverity m_severity = MarkSeverity::None;
};

namespace FieldMark {
// Outlines `field` (red for errors, amber for warnings) and puts the message into its
// accessible description, so the mark is not only a colour.
void mark(QWidget *field, MarkSeverity severity, const QString &message = {});
MarkSeverity severity(const QWidget *field);
// The outline drawn over a marked field, or nullptr while it has never been marked.
QWidget *outline(QWidget *field);
// Shows `widget`'s text in the colour of `severity` (its parent's colour for None), and
// keeps it readable when the palette changes.
void colourText(QWidget *widget, MarkSeverity severity);
// Red and amber with at least 4.5:1 contrast against the palette's Base and Window.
QColor errorColour(const QPalette &palette);
QColor warningColour(const QPalette &palette);
// The stronger of two severities (an error outranks a warning).
MarkSeverity stronger(MarkSeverity a, MarkSeverity b);

// A small, dimmed line that explains what something is for.
QLabel *hint(const QString &text, QWidget *parent = nullptr);
// Gives `field` the accessible name of its caption and makes the label its buddy.
void label(QLabel *caption, QWidget *field);
} // namespace FieldMark
