#include "jsonschema.h"

#include "formats.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QVarLengthArray>

#include <cmath>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("JsonSchema", text);
}

QString tr(const char *text, int n)
{
    return QCoreApplication::translate("JsonSchema", text, nullptr, n);
}

// One bit per JSON Schema type; a number without a fraction has both Number and Integer.
enum TypeBit : quint8 {
    NullBit = 1,
    BooleanBit = 2,
    IntegerBit = 4,
    NumberBit = 8,
    StringBit = 16,
    ArrayBit = 32,
    ObjectBit = 64,
};

quint8 typeBitFromName(QStringView name)
{
    if (name == u"null")
        return NullBit;
    if (name == u"boolean")
        return BooleanBit;
    if (name == u"integer")
        return IntegerBit;
    if (name == u"number")
        return NumberBit | IntegerBit;
    if (name == u"string")
        return StringBit;
    if (name == u"array")
        return ArrayBit;
    if (name == u"object")
        return ObjectBit;
    return 0;
}

quint8 typeBitsOf(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return NullBit;
    case QJsonValue::Bool:
        return BooleanBit;
    case QJsonValue::Double: {
        const double number = value.toDouble();
        return std::isfinite(number) && number == std::floor(number) ? NumberBit | IntegerBit
                                                                     : NumberBit;
    }
    case QJsonValue::String:
        return StringBit;
    case QJsonValue::Array:
        return ArrayBit;
    case QJsonValue::Object:
        return ObjectBit;
    case QJsonValue::Undefined:
        return 0;
    }
    return 0;
}

qsizetype codePointCount(const QString &text)
{
    qsizetype count = 0;
    for (QChar c : text) {
        if (!c.isLowSurrogate())
            ++count;
    }
    return count;
}

// "a", "a or b", "a, b or c"
QString joinAlternatives(const QStringList &phrases)
{
    if (phrases.size() <= 1)
        return phrases.value(0);
    return tr("%1 or %2").arg(phrases.first(phrases.size() - 1).join(u", "_s), phrases.last());
}

QString formatNumber(double value)
{
    return QString::number(value, 'g', 17);
}

const QStringList &annotationKeywords()
{
    // Keywords that describe but do not constrain: nothing to check.
    static const QStringList keywords = {
        u"title"_s,     u"description"_s, u"default"_s,      u"example"_s,     u"examples"_s,
        u"$schema"_s,   u"id"_s,          u"$id"_s,          u"definitions"_s, u"readOnly"_s,
        u"writeOnly"_s, u"deprecated"_s,  u"externalDocs"_s, u"xml"_s,         u"$comment"_s,
    };
    return keywords;
}

} // namespace

struct JsonSchema::Node {
    quint8 types = 0; // 0: any type
    bool nullable = false;
    Formats::Format format = Formats::Format::Unknown;
    bool hasEnum = false;
    QJsonArray enumValues;

    QStringList required;
    std::vector<std::pair<QString, std::unique_ptr<Node>>> properties;
    std::vector<std::pair<QRegularExpression, std::unique_ptr<Node>>> patternProperties;
    bool additionalPropertiesForbidden = false;
    std::unique_ptr<Node> additionalProperties;
    qsizetype minProperties = -1;
    bool minPropertiesCountsDeclaredOnly = false;
    qsizetype maxProperties = -1;

    std::unique_ptr<Node> items;
    bool hasTupleItems = false;
    std::vector<std::unique_ptr<Node>> tupleItems;
    bool additionalItemsForbidden = false;
    std::unique_ptr<Node> additionalItems;
    qsizetype minItems = -1;
    qsizetype maxItems = -1;

    qsizetype minLength = -1;
    qsizetype maxLength = -1;
    bool hasPattern = false;
    QRegularExpression pattern;

    bool hasMinimum = false;
    bool hasMaximum = false;
    bool exclusiveMinimum = false;
    bool exclusiveMaximum = false;
    double minimum = 0;
    double maximum = 0;

    std::vector<std::unique_ptr<Node>> allOf;
    std::vector<std::unique_ptr<Node>> anyOf;
    std::vector<std::unique_ptr<Node>> oneOf;
    bool oneOfAcceptsSeveralMatches = false;
    std::unique_ptr<Node> notSchema;

    bool checksText() const
    {
        return minLength >= 0 || maxLength >= 0 || hasPattern || format != Formats::Format::Unknown;
    }
    bool checksMembers() const
    {
        return !properties.empty() || !patternProperties.empty() || additionalPropertiesForbidden ||
               additionalProperties;
    }
};

namespace {

using Node = JsonSchema::Node;

// ---- describing schemas in plain English -------------------------------------------------

QString nounForType(quint8 bit, const Node *node, bool plainStringElsewhere)
{
    switch (bit) {
    case NullBit:
        return tr("null");
    case BooleanBit:
        return tr("a boolean");
    case IntegerBit:
        return tr("an integer");
    case NumberBit:
        return tr("a number");
    case StringBit:
        if (node && node->format != Formats::Format::Unknown && !plainStringElsewhere)
            return Formats::noun(node->format);
        return tr("a string");
    case ObjectBit:
        return tr("an object");
    case ArrayBit: {
        const Node *items = node ? node->items.get() : nullptr;
        if (!items || node->hasTupleItems)
            return tr("a list");
        switch (items->types) {
        case StringBit:
            return tr("a list of strings");
        case NumberBit | IntegerBit:
            return tr("a list of numbers");
        case IntegerBit:
            return tr("a list of integers");
        case BooleanBit:
            return tr("a list of booleans");
        case ObjectBit:
            return tr("a list of objects");
        default:
            return tr("a list");
        }
    }
    }
    return {};
}

// The phrases for the types a node accepts, null last; empty when the node has no type.
void appendTypePhrases(const Node &node, bool plainStringElsewhere, QStringList &phrases,
                       bool &nullAllowed)
{
    static constexpr quint8 order[] = {StringBit, NumberBit, IntegerBit, BooleanBit,
                                       ObjectBit, ArrayBit,  NullBit};
    for (quint8 bit : order) {
        if (!(node.types & bit))
            continue;
        if (bit == IntegerBit && (node.types & NumberBit))
            continue; // "a number" already covers integers
        if (bit == NullBit) {
            nullAllowed = true;
            continue;
        }
        const QString phrase = nounForType(bit, &node, plainStringElsewhere);
        if (!phrases.contains(phrase))
            phrases.append(phrase);
    }
    if (node.nullable)
        nullAllowed = true;
}

QString typeMessage(const Node &node)
{
    QStringList phrases;
    bool nullAllowed = false;
    // "must be a string", not "must be a user ID": the value's type is what is wrong.
    appendTypePhrases(node, true, phrases, nullAllowed);
    if (nullAllowed)
        phrases.append(tr("null"));
    return tr("must be %1").arg(joinAlternatives(phrases));
}

// "must be a string, a boolean, a number, a list of strings or null"
QString alternativesMessage(const std::vector<std::unique_ptr<Node>> &branches)
{
    // A branch that is a string with a format next to a plain string branch adds no
    // alternative of its own (/track metadata: any string, or a datetime string).
    bool plainString = false;
    for (const auto &branch : branches) {
        if ((branch->types & StringBit) && branch->format == Formats::Format::Unknown)
            plainString = true;
    }
    QStringList phrases;
    bool nullAllowed = false;
    for (const auto &branch : branches) {
        if (branch->types == 0)
            return tr("does not match any of the allowed forms");
        appendTypePhrases(*branch, plainString, phrases, nullAllowed);
    }
    if (nullAllowed)
        phrases.append(tr("null"));
    return tr("must be %1").arg(joinAlternatives(phrases));
}

QString minPropertiesMessage(const Node &node)
{
    if (node.minProperties == 1 && node.properties.size() == 2) {
        return tr("must contain %1, %2 or both")
            .arg(node.properties[0].first, node.properties[1].first);
    }
    if (node.minProperties == 1 && node.properties.size() > 2) {
        QStringList names;
        for (const auto &property : node.properties)
            names.append(property.first);
        return tr("must contain at least one of %1").arg(joinAlternatives(names));
    }
    return tr("must contain at least %n properties", int(node.minProperties));
}

// ---- validation --------------------------------------------------------------------------

struct Segment {
    QString key;
    qsizetype index = -1;
};

class Checker {
public:
    // errors == nullptr: only the verdict is wanted; stop at the first problem, build no
    // paths and no messages.
    Checker(QList<JsonSchema::Error> *errors, const QString &prefix)
        : m_errors(errors)
        , m_prefix(prefix)
    {
    }

    bool check(const Node &node, const QJsonValue &value);

private:
    bool collecting() const { return m_errors != nullptr; }
    QString currentPath() const;
    void addError(const QString &message) { m_errors->append({currentPath(), message}); }
    void addErrorAt(const QString &key, const QString &message)
    {
        m_path.append({key, -1});
        addError(message);
        m_path.removeLast();
    }
    void addErrorAt(qsizetype index, const QString &message)
    {
        m_path.append({{}, index});
        addError(message);
        m_path.removeLast();
    }
    bool checkChild(const Node &node, const QJsonValue &value, const QString &key);
    bool checkChild(const Node &node, const QJsonValue &value, qsizetype index);
    bool checkObject(const Node &node, const QJsonObject &object);
    bool checkArray(const Node &node, const QJsonArray &array);
    bool checkString(const Node &node, const QString &text);
    bool checkNumber(const Node &node, double number);
    bool checkCombinators(const Node &node, const QJsonValue &value);
    // No oneOf/anyOf branch matched: report the most useful reason.
    void reportNoBranch(const std::vector<std::unique_ptr<Node>> &branches,
                        const QJsonValue &value);

    QList<JsonSchema::Error> *m_errors;
    const QString &m_prefix;
    QVarLengthArray<Segment, 12> m_path;
};

QString Checker::currentPath() const
{
    QString path = m_prefix;
    for (const Segment &segment : m_path) {
        if (!path.isEmpty())
            path += u'.';
        if (segment.index >= 0)
            path += QString::number(segment.index);
        else
            path += segment.key;
    }
    return path;
}

bool Checker::checkChild(const Node &node, const QJsonValue &value, const QString &key)
{
    if (!collecting())
        return check(node, value);
    m_path.append({key, -1});
    const bool ok = check(node, value);
    m_path.removeLast();
    return ok;
}

bool Checker::checkChild(const Node &node, const QJsonValue &value, qsizetype index)
{
    if (!collecting())
        return check(node, value);
    m_path.append({{}, index});
    const bool ok = check(node, value);
    m_path.removeLast();
    return ok;
}

bool Checker::check(const Node &node, const QJsonValue &value)
{
    // OpenAPI 3.0: `nullable: true` adds null to the allowed values.
    if (node.nullable && value.isNull())
        return true;
    if (node.types && !(node.types & typeBitsOf(value))) {
        if (collecting())
            addError(typeMessage(node));
        return false; // other keywords would only repeat the type problem
    }

    bool ok = true;
    if (node.hasEnum && !node.enumValues.contains(value)) {
        if (!collecting())
            return false;
        QStringList allowed;
        for (const QJsonValue &item : node.enumValues) {
            allowed.append(QString::fromUtf8(
                QJsonDocument(QJsonArray{item}).toJson(QJsonDocument::Compact).chopped(1).mid(1)));
        }
        addError(tr("must be one of %1").arg(joinAlternatives(allowed)));
        ok = false;
    }

    switch (value.type()) {
    case QJsonValue::Object:
        ok = checkObject(node, value.toObject()) && ok;
        break;
    case QJsonValue::Array:
        ok = checkArray(node, value.toArray()) && ok;
        break;
    case QJsonValue::String:
        // Most string schemas only check the type: skip converting the text then.
        if (node.checksText())
            ok = checkString(node, value.toString()) && ok;
        break;
    case QJsonValue::Double:
        ok = checkNumber(node, value.toDouble()) && ok;
        break;
    default:
        break;
    }
    if (!ok && !collecting())
        return false;
    return checkCombinators(node, value) && ok;
}

qsizetype memberCount(const Node &node, const QJsonObject &object)
{
    if (!node.minPropertiesCountsDeclaredOnly || node.properties.empty())
        return object.size();
    qsizetype count = 0;
    for (const auto &property : node.properties)
        count += object.contains(property.first) ? 1 : 0;
    return count;
}

bool Checker::checkObject(const Node &node, const QJsonObject &object)
{
    bool ok = true;
    for (const QString &name : node.required) {
        if (!object.contains(name)) {
            if (!collecting())
                return false;
            addErrorAt(name, tr("required"));
            ok = false;
        }
    }
    if (node.minProperties >= 0 && memberCount(node, object) < node.minProperties) {
        if (!collecting())
            return false;
        addError(minPropertiesMessage(node));
        ok = false;
    }
    if (node.maxProperties >= 0 && object.size() > node.maxProperties) {
        if (!collecting())
            return false;
        addError(tr("must contain at most %n properties", int(node.maxProperties)));
        ok = false;
    }
    if (!node.checksMembers())
        return ok;

    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QString key = it.key();
        const QJsonValue member = it.value();
        bool matched = false;
        for (const auto &[name, schema] : node.properties) {
            if (name == key) {
                matched = true;
                ok = checkChild(*schema, member, key) && ok;
                break;
            }
        }
        for (const auto &[pattern, schema] : node.patternProperties) {
            if (pattern.match(key).hasMatch()) {
                matched = true;
                ok = checkChild(*schema, member, key) && ok;
            }
        }
        if (!matched) {
            if (node.additionalPropertiesForbidden) {
                if (collecting())
                    addErrorAt(key, tr("is not allowed here"));
                ok = false;
            } else if (node.additionalProperties) {
                ok = checkChild(*node.additionalProperties, member, key) && ok;
            }
        }
        if (!ok && !collecting())
            return false;
    }
    return ok;
}

bool Checker::checkArray(const Node &node, const QJsonArray &array)
{
    bool ok = true;
    if (node.minItems >= 0 && array.size() < node.minItems) {
        if (!collecting())
            return false;
        addError(tr("must contain at least %n items", int(node.minItems)));
        ok = false;
    }
    if (node.maxItems >= 0 && array.size() > node.maxItems) {
        if (!collecting())
            return false;
        addError(tr("must contain at most %n items", int(node.maxItems)));
        ok = false;
    }
    if (node.items) {
        for (qsizetype i = 0; i < array.size(); ++i) {
            ok = checkChild(*node.items, array.at(i), i) && ok;
            if (!ok && !collecting())
                return false;
        }
    } else if (node.hasTupleItems) {
        const qsizetype tupleSize = qsizetype(node.tupleItems.size());
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (i < tupleSize) {
                ok = checkChild(*node.tupleItems[size_t(i)], array.at(i), i) && ok;
            } else if (node.additionalItemsForbidden) {
                if (collecting())
                    addErrorAt(i, tr("is not allowed here: at most %n items", int(tupleSize)));
                ok = false;
            } else if (node.additionalItems) {
                ok = checkChild(*node.additionalItems, array.at(i), i) && ok;
            }
            if (!ok && !collecting())
                return false;
        }
    }
    return ok;
}

bool Checker::checkString(const Node &node, const QString &text)
{
    bool ok = true;
    if (node.minLength >= 0 || node.maxLength >= 0) {
        const qsizetype length = codePointCount(text);
        if (node.minLength >= 0 && length < node.minLength) {
            if (!collecting())
                return false;
            addError(tr("must be at least %n characters long", int(node.minLength)));
            ok = false;
        }
        if (node.maxLength >= 0 && length > node.maxLength) {
            if (!collecting())
                return false;
            addError(tr("must be at most %n characters long", int(node.maxLength)));
            ok = false;
        }
    }
    if (node.hasPattern && !node.pattern.match(text).hasMatch()) {
        if (!collecting())
            return false;
        addError(tr("must match the pattern %1").arg(node.pattern.pattern()));
        ok = false;
    }
    if (node.format != Formats::Format::Unknown && !Formats::isValid(node.format, text)) {
        if (!collecting())
            return false;
        addError(Formats::problem(node.format, text));
        ok = false;
    }
    return ok;
}

bool Checker::checkNumber(const Node &node, double number)
{
    bool ok = true;
    if (node.hasMinimum &&
        (node.exclusiveMinimum ? number <= node.minimum : number < node.minimum)) {
        if (!collecting())
            return false;
        addError(node.exclusiveMinimum
                     ? tr("must be greater than %1").arg(formatNumber(node.minimum))
                     : tr("must be at least %1").arg(formatNumber(node.minimum)));
        ok = false;
    }
    if (node.hasMaximum &&
        (node.exclusiveMaximum ? number >= node.maximum : number > node.maximum)) {
        if (!collecting())
            return false;
        addError(node.exclusiveMaximum ? tr("must be less than %1").arg(formatNumber(node.maximum))
                                       : tr("must be at most %1").arg(formatNumber(node.maximum)));
        ok = false;
    }
    return ok;
}

bool Checker::checkCombinators(const Node &node, const QJsonValue &value)
{
    bool ok = true;
    for (const auto &branch : node.allOf) {
        ok = check(*branch, value) && ok;
        if (!ok && !collecting())
            return false;
    }
    if (!node.anyOf.empty()) {
        bool any = false;
        for (const auto &branch : node.anyOf) {
            Checker quiet(nullptr, m_prefix);
            if (quiet.check(*branch, value)) {
                any = true;
                break;
            }
        }
        if (!any) {
            if (!collecting())
                return false;
            reportNoBranch(node.anyOf, value);
            ok = false;
        }
    }
    if (!node.oneOf.empty()) {
        int matches = 0;
        for (const auto &branch : node.oneOf) {
            Checker quiet(nullptr, m_prefix);
            if (quiet.check(*branch, value)) {
                ++matches;
                if (matches > 1 || node.oneOfAcceptsSeveralMatches)
                    break;
            }
        }
        if (matches == 0) {
            if (!collecting())
                return false;
            reportNoBranch(node.oneOf, value);
            ok = false;
        } else if (matches > 1 && !node.oneOfAcceptsSeveralMatches) {
            if (!collecting())
                return false;
            addError(tr("matches more than one of the allowed forms; it must match exactly one"));
            ok = false;
        }
    }
    if (node.notSchema) {
        Checker quiet(nullptr, m_prefix);
        if (quiet.check(*node.notSchema, value)) {
            if (!collecting())
                return false;
            addError(tr("must not match the excluded schema"));
            ok = false;
        }
    }
    return ok;
}

void Checker::reportNoBranch(const std::vector<std::unique_ptr<Node>> &branches,
                             const QJsonValue &value)
{
    // When exactly one branch accepts the value's type, the value was meant for that branch:
    // its own errors are the useful ones ("properties.tags.1: must not be empty" rather than
    // "properties.tags: must be a string, a boolean, ...").
    const quint8 bits = typeBitsOf(value);
    const Node *candidate = nullptr;
    int candidates = 0;
    for (const auto &branch : branches) {
        const bool typeFits =
            branch->types == 0 || (branch->types & bits) || (branch->nullable && value.isNull());
        if (typeFits) {
            candidate = branch.get();
            ++candidates;
        }
    }
    if (candidates == 1 && candidate->types != 0) {
        const qsizetype before = m_errors->size();
        check(*candidate, value);
        if (m_errors->size() > before)
            return;
    }
    addError(alternativesMessage(branches));
}

// ---- compiling ---------------------------------------------------------------------------

class Compiler {
public:
    Compiler(const JsonSchema::Options &options, QStringList *unsupported)
        : m_options(options)
        , m_unsupported(unsupported)
    {
    }

    std::unique_ptr<Node> compile(const QJsonObject &schema);

private:
    std::unique_ptr<Node> compileValue(const QJsonValue &value, const QString &keyword);
    std::vector<std::unique_ptr<Node>> compileList(const QJsonValue &value, const QString &keyword);
    void unsupported(const QString &what)
    {
        if (m_unsupported && !m_unsupported->contains(what))
            m_unsupported->append(what);
    }
    static qsizetype count(const QJsonValue &value)
    {
        return value.isDouble() ? qsizetype(value.toDouble()) : -1;
    }

    const JsonSchema::Options &m_options;
    QStringList *m_unsupported;
};

std::unique_ptr<Node> Compiler::compileValue(const QJsonValue &value, const QString &keyword)
{
    if (!value.isObject()) {
        unsupported(keyword + u" (not a schema object)"_s);
        return std::make_unique<Node>();
    }
    return compile(value.toObject());
}

std::vector<std::unique_ptr<Node>> Compiler::compileList(const QJsonValue &value,
                                                         const QString &keyword)
{
    std::vector<std::unique_ptr<Node>> nodes;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array)
        nodes.push_back(compileValue(item, keyword));
    return nodes;
}

std::unique_ptr<Node> Compiler::compile(const QJsonObject &schema)
{
    auto node = std::make_unique<Node>();
    for (auto it = schema.constBegin(); it != schema.constEnd(); ++it) {
        const QString keyword = it.key();
        const QJsonValue value = it.value();
        if (keyword == u"type") {
            const QJsonArray names = value.isArray() ? value.toArray() : QJsonArray{value};
            for (const QJsonValue &name : names) {
                const quint8 bit = typeBitFromName(name.toString());
                if (!bit)
                    unsupported(u"type "_s + name.toString());
                // An unknown type name must not turn into "any type".
                node->types |= bit ? bit : quint8(0x80);
            }
        } else if (keyword == u"nullable") {
            node->nullable = value.toBool();
        } else if (keyword == u"format") {
            node->format = Formats::fromName(value.toString());
        } else if (keyword == u"enum") {
            node->hasEnum = true;
            node->enumValues = value.toArray();
        } else if (keyword == u"required") {
            for (const QJsonValue &name : value.toArray())
                node->required.append(name.toString());
        } else if (keyword == u"properties") {
            const QJsonObject properties = value.toObject();
            for (auto p = properties.constBegin(); p != properties.constEnd(); ++p)
                node->properties.emplace_back(p.key(), compileValue(p.value(), keyword));
        } else if (keyword == u"patternProperties") {
            const QJsonObject patterns = value.toObject();
            for (auto p = patterns.constBegin(); p != patterns.constEnd(); ++p) {
                QRegularExpression pattern(p.key(), QRegularExpression::UseUnicodePropertiesOption);
                if (!pattern.isValid())
                    unsupported(u"patternProperties "_s + p.key());
                pattern.optimize();
                node->patternProperties.emplace_back(pattern, compileValue(p.value(), keyword));
            }
        } else if (keyword == u"additionalProperties") {
            if (value.isBool())
                node->additionalPropertiesForbidden = !value.toBool();
            else
                node->additionalProperties = compileValue(value, keyword);
        } else if (keyword == u"minProperties") {
            node->minProperties = count(value);
            node->minPropertiesCountsDeclaredOnly = m_options.minPropertiesCountsDeclaredOnly;
        } else if (keyword == u"maxProperties") {
            node->maxProperties = count(value);
        } else if (keyword == u"items") {
            if (value.isArray()) {
                node->hasTupleItems = true;
                node->tupleItems = compileList(value, keyword);
            } else {
                node->items = compileValue(value, keyword);
            }
        } else if (keyword == u"additionalItems") {
            if (value.isBool())
                node->additionalItemsForbidden = !value.toBool();
            else
                node->additionalItems = compileValue(value, keyword);
        } else if (keyword == u"minItems") {
            node->minItems = count(value);
        } else if (keyword == u"maxItems") {
            node->maxItems = count(value);
        } else if (keyword == u"minLength") {
            node->minLength = count(value);
        } else if (keyword == u"maxLength") {
            node->maxLength = count(value);
        } else if (keyword == u"pattern") {
            node->hasPattern = true;
            node->pattern = QRegularExpression(value.toString(),
                                               QRegularExpression::UseUnicodePropertiesOption);
            if (!node->pattern.isValid())
                unsupported(u"pattern "_s + value.toString());
            node->pattern.optimize();
        } else if (keyword == u"minimum") {
            node->hasMinimum = true;
            node->minimum = value.toDouble();
        } else if (keyword == u"maximum") {
            node->hasMaximum = true;
            node->maximum = value.toDouble();
        } else if (keyword == u"exclusiveMinimum") {
            node->exclusiveMinimum = value.toBool();
        } else if (keyword == u"exclusiveMaximum") {
            node->exclusiveMaximum = value.toBool();
        } else if (keyword == u"allOf") {
            node->allOf = compileList(value, keyword);
        } else if (keyword == u"anyOf") {
            node->anyOf = compileList(value, keyword);
        } else if (keyword == u"oneOf") {
            node->oneOf = compileList(value, keyword);
            node->oneOfAcceptsSeveralMatches = m_options.oneOfAcceptsSeveralMatches;
        } else if (keyword == u"not") {
            node->notSchema = compileValue(value, keyword);
        } else if (!keyword.startsWith(u"x-"_s) && !annotationKeywords().contains(keyword)) {
            unsupported(keyword);
        }
    }
    // A tuple `items` without `additionalItems` allows any further items (draft 4).
    if (!node->hasTupleItems) {
        node->additionalItems.reset();
        node->additionalItemsForbidden = false;
    }
    return node;
}

} // namespace

JsonSchema::JsonSchema()
    : m_root(std::make_shared<const Node>())
    , m_node(m_root.get())
{
}

JsonSchema::JsonSchema(std::shared_ptr<const Node> root, const Node *node)
    : m_root(std::move(root))
    , m_node(node)
{
}

JsonSchema::~JsonSchema() = default;
JsonSchema::JsonSchema(const JsonSchema &) = default;
JsonSchema &JsonSchema::operator=(const JsonSchema &) = default;

JsonSchema JsonSchema::compile(const QJsonObject &schema, const Options &options,
                               QStringList *unsupported)
{
    Compiler compiler(options, unsupported);
    std::shared_ptr<const Node> root = compiler.compile(schema);
    const Node *node = root.get();
    return JsonSchema(std::move(root), node);
}

bool JsonSchema::isValid(const QJsonValue &value) const
{
    static const QString noPrefix;
    return Checker(nullptr, noPrefix).check(*m_node, value);
}

QList<JsonSchema::Error> JsonSchema::validate(const QJsonValue &value,
                                              const QString &pathPrefix) const
{
    QList<Error> errors;
    Checker(&errors, pathPrefix).check(*m_node, value);
    return errors;
}

std::unique_ptr<JsonSchema> JsonSchema::at(QStringView dottedPath) const
{
    const Node *node = m_node;
    if (dottedPath.isEmpty())
        return std::unique_ptr<JsonSchema>(new JsonSchema(m_root, node));
    for (QStringView segment : dottedPath.split(u'.')) {
        const Node *next = nullptr;
        for (const auto &[name, schema] : node->properties) {
            if (name == segment) {
                next = schema.get();
                break;
            }
        }
        if (!next) {
            for (const auto &[pattern, schema] : node->patternProperties) {
                if (pattern.match(segment.toString()).hasMatch()) {
                    next = schema.get();
                    break;
                }
            }
        }
        if (!next && node->additionalProperties && (node->types & ObjectBit))
            next = node->additionalProperties.get();
        if (!next && (node->types & ArrayBit)) {
            bool isIndex = false;
            const qsizetype index = segment.toLongLong(&isIndex);
            if (isIndex && index >= 0) {
                if (node->items)
                    next = node->items.get();
                else if (node->hasTupleItems && index < qsizetype(node->tupleItems.size()))
                    next = node->tupleItems[size_t(index)].get();
                else if (node->hasTupleItems)
                    next = node->additionalItems.get();
            }
        }
        if (!next)
            return nullptr;
        node = next;
    }
    return std::unique_ptr<JsonSchema>(new JsonSchema(m_root, node));
}
