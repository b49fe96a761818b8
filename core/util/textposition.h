#pragma once

#include <QByteArray>

// A 1-based line and column in UTF-8 text, for messages such as "line 3, column 12"
// (QJsonParseError only gives a byte offset).
struct TextPosition {
    int line = 1;
    int column = 1;

    static TextPosition at(const QByteArray &utf8, qsizetype offset)
    {
        TextPosition position;
        for (qsizetype i = 0; i < offset && i < utf8.size(); ++i) {
            if (utf8.at(i) == '\n') {
                ++position.line;
                position.column = 1;
            } else if ((utf8.at(i) & 0xC0) != 0x80) { // not a UTF-8 continuation byte
                ++position.column;
            }
        }
        return position;
    }
};
