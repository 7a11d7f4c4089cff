package app.dukkan.platform.web;

/** The API speaks snake_case; Java speaks camelCase. Error messages use the API's names. */
final class JsonNames {

    private JsonNames() {}

    static String snake(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String lastNode(String propertyPath) {
        int dot = propertyPath.lastIndexOf('.');
        return snake(dot < 0 ? propertyPath : propertyPath.substring(dot + 1));
    }
}
